import { startTestApp, type TestApp } from '../helpers/strapi';
import { UID, expectedFacets, hasWord, knownSample, type Known } from './corpus';

/** The search API the public finder is built on, against the sample data alone. */
let app: TestApp;
let known: Known[];
beforeAll(async () => {
  app = await startTestApp('search_finder');
  known = knownSample();
}, 120_000);
afterAll(() => app?.close());

const get = async (url: string, status = 200) => {
  const res = await app.http().get(url);
  expect(res.status).toBe(status);
  return res.body;
};
const slugsOf = (body: { data: Array<{ slug: string }> }) => body.data.map((d) => d.slug).sort();
const sampleWith = (stem: string) => known.filter((k) => hasWord(k, stem)).map((k) => k.slug).sort();

describe("a reader's words find what they expect (stemming), as in issue 11's table", () => {
  it.each([
    ['prevents', 'prevent', 7],
    ['councils', 'council', 6],
    ['partnerships', 'partnership', 4],
    ['communities', 'communit', 4],
    ['taxis', 'taxi', 1],
  ])('%s finds every sample study with a word starting "%s" (%i)', async (word, stem, count) => {
    const body = await get(`/api/case-studies/search?q=${word}&pageSize=100`);
    expect(slugsOf(body)).toEqual(sampleWith(stem));
    expect(body.meta.pagination.total).toBe(count);
    expect(body.meta.suggestion).toBeUndefined();
  });
});

describe('did you mean', () => {
  it.each([
    ['reofending', 'reoffending', 'reoffend'],
    ['partnershp', 'partnership', 'partnership'],
    ['taxi%20drivrs', 'taxi drivers', 'driver'],
  ])('%s offers "%s", with the total that search returns', async (typed, suggested, stem) => {
    const body = await get(`/api/case-studies/search?q=${typed}`);
    expect(body.meta.pagination.total).toBe(0);
    expect(body.meta.suggestion.q).toBe(suggested);
    expect(body.meta.suggestion.total).toBe(sampleWith(stem).length);
    // One click runs it: the suggested q finds exactly that many.
    const followed = await get(`/api/case-studies/search?q=${encodeURIComponent(body.meta.suggestion.q)}`);
    expect(followed.meta.pagination.total).toBe(body.meta.suggestion.total);
  });

  it('says which words it replaced, and keeps the filters when counting', async () => {
    const body = await get('/api/case-studies/search?q=taxi%20drivrs');
    expect(body.meta.suggestion.words).toEqual([{ from: 'drivrs', to: 'drivers' }]);
    // The reoffending study is not filed under prevent: the corrected search would find nothing either.
    const filtered = await get('/api/case-studies/search?q=reofending&topics=prevent');
    expect(filtered.meta.pagination.total).toBe(0);
    expect(filtered.meta.suggestion).toBeUndefined();
  });

  it('offers nothing for a word with no near neighbour', async () => {
    const body = await get('/api/case-studies/search?q=xylophone');
    expect(body.meta.pagination.total).toBe(0);
    expect(body.meta.suggestion).toBeUndefined();
  });
});

describe('facet values with no match stay in the response with count 0', () => {
  it.each(['q=taxi', 'topics=violence-against-women-and-girls', 'q=xylophone'])('%s', async (query) => {
    const body = await get(`/api/case-studies/search?${query}`);
    const filters = query.startsWith('q=taxi')
      ? { stems: ['taxi'] }
      : query.startsWith('q=')
        ? { stems: ['xylophone'] }
        : { topics: ['violence-against-women-and-girls'] };
    const expected = expectedFacets(known, filters);
    const counts = (f: Array<{ slug: string; count: number }>) => Object.fromEntries(f.map((x) => [x.slug, x.count]));
    expect(counts(body.meta.facets.topics)).toEqual(expected.topics);
    expect(counts(body.meta.facets.supportTypes)).toEqual(expected.supportTypes);
    expect(Object.values(expected.supportTypes)).toContain(0);
  });
});

describe('GET /api/case-studies/suggest (search-as-you-type)', () => {
  it('completes a word: published titles first, then library words, at most 8, for the Public role', async () => {
    const body = await get('/api/case-studies/suggest?q=reoff');
    expect(body.data).toContainEqual({
      type: 'title',
      text: known.find((k) => k.slug === 'central-bedfordshire-and-luton-reducing-reoffending')!.title,
      slug: 'central-bedfordshire-and-luton-reducing-reoffending',
    });
    expect(body.data).toContainEqual({ type: 'word', text: 'reoffending' });
    const many = await get('/api/case-studies/suggest?q=co');
    expect(many.data.length).toBeGreaterThan(0);
    expect(many.data.length).toBeLessThanOrEqual(8);
    for (const item of many.data) expect(item.text.toLowerCase()).toMatch(/\bco/);
  });

  it('keeps the words before the last and completes the last', async () => {
    const body = await get('/api/case-studies/suggest?q=taxi%20dri');
    expect(body.data).toContainEqual({
      type: 'title',
      text: 'Calderdale Council: getting taxi drivers on board',
      slug: 'calderdale-council-getting-taxi-drivers-on-board',
    });
    expect(body.data).toContainEqual({ type: 'word', text: 'taxi drivers' });
  });

  it('suggests published studies only, and follows publish and unpublish', async () => {
    const prevent = await app.strapi.documents('api::topic.topic').findFirst({ filters: { slug: 'prevent' } } as never);
    const draft = await app.strapi.documents(UID).create({
      data: { title: 'Quokkas in the draft', summary: 'Unpublished quokkas.', topics: [prevent!.documentId] },
    } as never);
    expect((await get('/api/case-studies/suggest?q=quok')).data).toEqual([]);
    await app.strapi.documents(UID).publish({ documentId: draft.documentId } as never);
    const after = await get('/api/case-studies/suggest?q=quok');
    expect(after.data.map((d: { text: string }) => d.text)).toEqual(
      expect.arrayContaining(['Quokkas in the draft', 'quokkas'])
    );
    await app.strapi.documents(UID).unpublish({ documentId: draft.documentId } as never);
    expect((await get('/api/case-studies/suggest?q=quok')).data).toEqual([]);
  });

  it.each([
    ['', 'q'],
    ['q=', 'q'],
    ['q=a', 'q'],
    [`q=${'ab'.repeat(51)}`, 'q'],
    ['q=%21%21%21', 'q'],
    ['q[$ne]=x', 'q'],
    ['q=one%20two%20three%20four%20five%20six%20seven', 'q'],
    ['q=reoff&limit=100', 'limit'],
  ])('bad input %s answers 400 naming %s', async (query, param) => {
    const body = await get(`/api/case-studies/suggest?${query}`, 400);
    expect(body.error.message.startsWith(`${param}:`)).toBe(true);
  });
});
