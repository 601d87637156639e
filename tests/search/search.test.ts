import { startTestApp, type TestApp } from '../helpers/strapi';
import { sample } from '../helpers/sample-data';
import { UID, addGenerated, expectedFacets, hasWord, knownSample, passes, type Filters, type Known } from './corpus';

let app: TestApp;
let known: Known[];
beforeAll(async () => {
  app = await startTestApp('search');
  known = [...knownSample(), ...(await addGenerated(app.strapi, 36))];
  // A draft that was never published, and a published study whose newer draft says something else.
  await app.strapi.documents(UID).create({
    data: { title: 'Unpublished volunteering draft', summary: 'Never public.', topics: [] },
  } as never);
  const published = await app.strapi
    .documents(UID)
    .findFirst({ filters: { slug: sample.caseStudies[0].slug } } as never);
  await app.strapi.documents(UID).update({
    documentId: published!.documentId,
    data: { title: 'Draft-only volunteering headline' },
  } as never);
}, 120_000);
afterAll(() => app?.close());

interface Page {
  data: Array<{
    slug: string;
    title: string;
    publicationDate: string;
    snippet: string;
    topics: Array<{ slug: string }>;
  }>;
  meta: {
    pagination: { page: number; pageSize: number; pageCount: number; total: number };
    facets: Record<string, Array<{ slug: string; count: number }>>;
  };
}

async function search(query: string, status = 200): Promise<Page> {
  const res = await app.http().get(`/api/case-studies/search?${query}`);
  expect(res.status).toBe(status);
  return res.body as Page;
}

/** Every page of a search, so totals are compared with everything the endpoint can list. */
async function searchAll(query: string): Promise<{ slugs: string[]; first: Page }> {
  const first = await search(`${query}&pageSize=100`);
  const slugs = first.data.map((d) => d.slug);
  for (let page = 2; page <= first.meta.pagination.pageCount; page++) {
    slugs.push(...(await search(`${query}&pageSize=100&page=${page}`)).data.map((d) => d.slug));
  }
  return { slugs, first };
}

const facetCounts = (facets: Array<{ slug: string; count: number }>) =>
  Object.fromEntries(facets.map((f) => [f.slug, f.count]));

const CASES: Array<[string, string, Filters]> = [
  ['everything', '', {}],
  ['one topic', 'topics=prevent', { topics: ['prevent'] }],
  [
    'several topics (any of)',
    'topics=prevent,demand-management',
    { topics: ['prevent', 'demand-management'] },
  ],
  ['a support type', 'supportTypes=funding', { supportTypes: ['funding'] }],
  ['a council', 'councils=bristol-city-council', { councils: ['bristol-city-council'] }],
  ['a region', 'region=london', { region: 'london' }],
  ['a date range', 'from=2017-01-01&to=2019-12-31', { from: '2017-01-01', to: '2019-12-31' }],
  ['stemming: volunteers finds volunteering', 'q=volunteers', { stems: ['volunteer'] }],
  ['two words (all of them)', 'q=allotments%20garden', { stems: ['allotment', 'garden'] }],
  [
    'topic and support type',
    'topics=children-and-young-people&supportTypes=partnership-working',
    { topics: ['children-and-young-people'], supportTypes: ['partnership-working'] },
  ],
  [
    'keyword, topics, region and dates',
    'q=volunteering&topics=prevent,children-and-young-people&from=2016-06-01',
    { stems: ['volunteer'], topics: ['prevent', 'children-and-young-people'], from: '2016-06-01' },
  ],
  [
    'council and support type',
    'councils=bristol-city-council,birmingham-city-council&supportTypes=training-and-guidance,funding',
    {
      councils: ['bristol-city-council', 'birmingham-city-council'],
      supportTypes: ['training-and-guidance', 'funding'],
    },
  ],
  ['nothing matches', 'topics=no-such-topic', { topics: ['no-such-topic'] }],
];

describe('results, totals and facet counts equal a brute-force count over sample and generated data', () => {
  it.each(CASES)('%s', async (_name, query, filters) => {
    const matching = known.filter((k) => passes(k, filters));
    const { slugs, first } = await searchAll(query);
    expect(slugs.sort()).toEqual(matching.map((k) => k.slug).sort());
    expect(first.meta.pagination.total).toBe(matching.length);
    // Each facet is counted under the other filters; every value is listed, with 0 where nothing matches.
    const facets = expectedFacets(known, filters);
    expect(facetCounts(first.meta.facets.topics)).toEqual(facets.topics);
    expect(facetCounts(first.meta.facets.supportTypes)).toEqual(facets.supportTypes);
  });
});

describe('drafts are never returned', () => {
  it('neither a never-published draft nor the newer draft of a published study', async () => {
    const { first } = await searchAll('q=volunteering');
    expect(first.data.map((d) => d.title).filter((t) => /draft/i.test(t))).toEqual([]);
    const { slugs } = await searchAll('q=headline');
    expect(slugs).toEqual([]);
  });
});

describe('sorting, paging and snippets', () => {
  it('sorts by date, newest first, and pages without gaps or repeats', async () => {
    const expected = [...known]
      .sort((a, b) => b.publicationDate.localeCompare(a.publicationDate))
      .map((k) => k.publicationDate);
    const pages = await Promise.all([1, 2, 3, 4, 5].map((p) => search(`sort=date&pageSize=10&page=${p}`)));
    expect(pages[0].meta.pagination).toEqual({
      page: 1,
      pageSize: 10,
      pageCount: Math.ceil(known.length / 10),
      total: known.length,
    });
    expect(pages.flatMap((p) => p.data.map((d) => d.publicationDate))).toEqual(expected);
    expect(new Set(pages.flatMap((p) => p.data.map((d) => d.slug))).size).toBe(known.length);
  });

  it('sorts by title', async () => {
    const { first } = await searchAll('sort=title');
    const titles = first.data.map((d) => d.title.toLowerCase());
    expect(titles).toEqual([...titles].sort());
  });

  it('ranks and highlights keyword matches, escaping the text around the marks', async () => {
    const { data } = await search('q=volunteers&pageSize=1');
    expect(data[0].snippet).toMatch(/<mark>volunteering<\/mark>/i);
    const html = (await search('q=partners&sort=relevance&pageSize=100')).data
      .map((d) => d.snippet)
      .join(' ');
    for (const escaped of ['&amp;', '&quot;costs &lt; benefits&quot;']) expect(html).toContain(escaped);
    expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });
});

describe('bad parameters answer 400 naming the parameter', () => {
  it.each([
    ['sort=popularity', 'sort'],
    ['page=0', 'page'],
    ['pageSize=10000', 'pageSize'],
    ['pageSize=-1', 'pageSize'],
    ['from=2020-13-01', 'from'],
    ['to=yesterday', 'to'],
    ['from=2021-01-01&to=2020-01-01', 'from'],
    ["topics=prevent'%20OR%201=1--", 'topics'],
    ['councils=%3Bdrop%20table%20case_studies', 'councils'],
    ['region=london%27--', 'region'],
    [`q=${'a'.repeat(201)}`, 'q'],
    ['q=%22%2A%28%29', 'q'],
    ['q[$ne]=x', 'q'],
    ['sort=date&sort=title', 'sort'],
    ['filters[title]=x', 'filters'],
  ])('%s', async (query, param) => {
    const body = (await app.http().get(`/api/case-studies/search?${query}`)).body;
    expect(body.error.status).toBe(400);
    expect(body.error.message.startsWith(`${param}:`)).toBe(true);
  });

  it('treats FTS and tsquery operators in q as words', async () => {
    const { meta } = await search('q=volunteers%20OR%20NEAR%20%26%20%21');
    expect(meta.pagination.total).toBe(0);
    expect((await search('q=volunteers%20%26')).meta.pagination.total).toBe(
      known.filter((k) => hasWord(k, 'volunteer')).length
    );
  });
});
