import { startTestApp, type TestApp } from '../helpers/strapi';
import { sample } from '../helpers/sample-data';
import { addGenerated, expectedFacets, hasWord, knownSample, passes, UID, type Filters, type Known } from '../search/corpus';

/**
 * The public library page (/case-studies) as a finder, checked against a brute-force reading of the
 * sample data plus generated studies (tests/search/corpus.ts): counts, tags, the count line,
 * snippets, the pager, past-the-end, back to results, did-you-mean and no-results advice.
 */
let app: TestApp;
let known: Known[];
beforeAll(async () => {
  app = await startTestApp('site_finder');
  known = [...knownSample(), ...(await addGenerated(app.strapi, 100, 11))];
}, 180_000);
afterAll(() => app?.close());

async function page(url: string, status = 200): Promise<string> {
  const res = await app.http().get(url);
  expect(res.status).toBe(status);
  return res.text;
}

/** The count beside each checkbox, by facet and slug, as the page shows it: "Prevent (7)". */
function shownCounts(html: string) {
  const counts: Record<string, Record<string, number>> = { topics: {}, supportTypes: {} };
  const item = /name="(topics|supportTypes)" type="checkbox" value="([a-z0-9-]+)"[^>]*>\s*<label[^>]*>\s*[^<]*? \((\d+)\)\s*<\/label>/g;
  for (const [, facet, slug, count] of html.matchAll(item)) counts[facet][slug] = Number(count);
  return counts;
}
const countLine = (html: string) => /id="result-count"[^>]*>([^<]*)</.exec(html)?.[1];
const decode = (href: string) => href.replace(/&amp;/g, '&');
const hrefsOf = (html: string, cls: string) =>
  [...html.matchAll(new RegExp(`class="${cls}" href="([^"]*)"`, 'g'))].map((m) => decode(m[1]));
const results = (html: string) =>
  [...html.matchAll(/<h3 class="govuk-heading-s govuk-!-margin-bottom-1"><a class="govuk-link" href="([^"]*)"/g)].map((m) => decode(m[1]));

describe('facet counts beside every topic and support type, under the other filters', () => {
  const cases: Array<[string, Filters]> = [
    ['', {}],
    ['topics=prevent', { topics: ['prevent'] }],
    ['topics=prevent&supportTypes=funding&supportTypes=partnership-working', { topics: ['prevent'], supportTypes: ['funding', 'partnership-working'] }],
    ['q=allotment', { stems: ['allotment'] }],
    ['region=london&topics=children-and-young-people', { region: 'london', topics: ['children-and-young-people'] }],
    ['councils=essex-county-council', { councils: ['essex-county-council'] }],
    ['from=2018&to=2020-06-30', { from: '2018-01-01', to: '2020-06-30' }],
  ];
  it.each(cases)('?%s: every value shown (0 included), counted as a brute force counts it', async (query, filters) => {
    const html = await page(`/case-studies?${query}`);
    expect(shownCounts(html)).toEqual(expectedFacets(known, filters));
    const total = known.filter((k) => passes(k, filters)).length;
    expect(countLine(html)).toContain(` returned ${total} result${total === 1 ? '' : 's'}`);
  });

  it('a value that matches nothing stays on the page, saying (0)', async () => {
    const html = await page('/case-studies?q=taxi');
    const expected = expectedFacets(known, { stems: ['taxi'] });
    const zeros = Object.entries(expected.topics).filter(([, n]) => n === 0);
    expect(zeros.length).toBeGreaterThan(0);
    for (const [slug] of zeros) expect(shownCounts(html).topics[slug]).toBe(0);
    expect(Object.keys(shownCounts(html).topics)).toHaveLength(sample.topics.length);
    expect(Object.keys(shownCounts(html).supportTypes)).toHaveLength(sample.supportTypes.length);
  });
});

describe('the count line names the keyword', () => {
  it.each([
    ['prevents', 'prevent'],
    ['councils', 'council'],
    ['partnerships', 'partnership'],
    ['communities', 'communit'],
    ['taxis', 'taxi'],
  ])('"%s" (stemming) finds every study with a word starting "%s"', async (word, stem) => {
    const total = known.filter((k) => hasWord(k, stem)).length;
    expect(total).toBeGreaterThan(0);
    expect(countLine(await page(`/case-studies?q=${word}`))).toBe(
      `Your search for ‘${word}’ returned ${total} result${total === 1 ? '' : 's'}`
    );
  });

  it('singular for one result, and the plain line without a keyword; in a live region', async () => {
    expect(countLine(await page('/case-studies?q=taxi'))).toBe('Your search for ‘taxi’ returned 1 result');
    const html = await page('/case-studies');
    expect(countLine(html)).toBe(`Your search returned ${known.length} results`);
    expect(html).toMatch(/id="result-count" aria-live="polite"/);
  });
});

describe('selected filters as tags', () => {
  it('each tag links to the same search without that one filter; Clear filters keeps the keyword', async () => {
    const html = await page('/case-studies?q=council&topics=prevent&supportTypes=funding&region=london&from=2018');
    const tags = hrefsOf(html, 'app-finder__tag');
    expect(tags).toEqual([
      '/case-studies?q=council&supportTypes=funding&region=london&from=2018&sort=relevance&page=1',
      '/case-studies?q=council&topics=prevent&region=london&from=2018&sort=relevance&page=1',
      '/case-studies?q=council&topics=prevent&supportTypes=funding&from=2018&sort=relevance&page=1',
      '/case-studies?q=council&topics=prevent&supportTypes=funding&region=london&sort=relevance&page=1',
    ]);
    expect(html).toMatch(/Remove filter <\/span>Topic: Prevent and counter-extremism/);
    expect(html).toMatch(/Remove filter <\/span>Region: London/);
    expect(html).toContain('href="/case-studies?q=council&amp;sort=relevance&amp;page=1">Clear filters</a>');
    expect(await page('/case-studies?q=council')).not.toContain('Selected filters');
    // The feed and downloads get the same filters in the search API's words (a year as its first day).
    expect(html).toContain('href="/case-studies/export.csv?q=council&amp;topics=prevent&amp;supportTypes=funding&amp;region=london&amp;from=2018-01-01"');
    expect(html).toContain('type="application/atom+xml" title="New case studies (these filters)" href="/case-studies/feed.atom?q=council&amp;topics=prevent');
  });
});

describe('snippets', () => {
  beforeAll(async () => {
    await app.strapi.documents(UID).create({
      data: {
        title: 'Outreach in a seaside town',
        summary: 'Quokka <script>alert(1)</script> & <b>bold</b> partners.',
        sections: [{ heading: 'What happened', body: 'The <img src=x onerror=alert(2)> quokka team met.' }],
        topics: [(await app.strapi.db.query('api::topic.topic').findOne({ where: { slug: 'prevent' } })).documentId],
      } as never,
      status: 'published',
    });
  });

  it('highlight the words matched in <mark>, with the text around them escaped', async () => {
    const html = await page('/case-studies?q=quokka');
    expect(html).toMatch(/<mark>Quokka<\/mark>/);
    expect(html).not.toMatch(/<script>alert|<img src=x|<b>bold/);
    expect(html).toMatch(/&lt;script&gt;alert\(1\)&lt;\/script&gt;|&lt;img src=x/);
  });

  it('a keyword with HTML in it is shown escaped, in the box and the count line', async () => {
    const html = await page(`/case-studies?q=${encodeURIComponent('<b>quokka</b>"><script>x</script>')}`);
    expect(html).not.toMatch(/<b>quokka|"><script>x/);
    expect(countLine(html)).toContain('Your search for ‘&lt;b&gt;quokka&lt;/b&gt;&quot;&gt;&lt;script&gt;x&lt;/script&gt;’');
  });
});

describe('pagination', () => {
  const total = () => known.length + 1; // the quokka study above
  it('links the first, the last and the neighbours, with ellipses: never more than 9 links', async () => {
    const last = Math.ceil(total() / 10);
    expect(last).toBeGreaterThan(9);
    const html = await page('/case-studies?page=5');
    const numbers = [...html.matchAll(/govuk-pagination__item[^"]*"[^>]*>\s*<a[^>]*href="[^"]*page=(\d+)"/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual([1, 4, 5, 6, last]);
    expect(html.match(/govuk-pagination__item--ellipsis/g)).toHaveLength(2);
    expect(html.match(/<a [^>]*href="\/case-studies\?[^"]*page=\d+"/g)!.length).toBeLessThanOrEqual(9 + 10);
    expect(html).toContain('aria-current="page"');
  });

  it('a page past the end answers 404 with a link to page 1 of the same search', async () => {
    const last = Math.ceil(total() / 10);
    const html = await page(`/case-studies?topics=prevent&q=council&page=${last + 5}`, 404);
    expect(html).toContain('href="/case-studies?q=council&amp;topics=prevent&amp;sort=relevance&amp;page=1"');
    await page('/case-studies?q=xylophone&page=2', 404);
    await page(`/case-studies?page=${last}`, 200);
  });
});

describe('back to results', () => {
  it('a result carries its search; the case study links back to exactly that search', async () => {
    const search = '/case-studies?q=council&topics=prevent&region=london&sort=title&page=1';
    const list = await page(search);
    const [first] = results(list);
    expect(first).toMatch(/^\/case-studies\/[a-z0-9-]+\?back=/);
    expect(decodeURIComponent(first.split('?back=')[1])).toBe(search);
    const study = await page(first);
    const back = decode(/class="govuk-back-link">Back to results</.test(study) ? /href="([^"]*)" class="govuk-back-link"/.exec(study)![1] : '');
    expect(back).toBe(search);
    expect(countLine(await page(back))).toBe(countLine(list));
  });

  it.each(['https://evil.example/case-studies', '//evil.example', '/submit/sign-in', 'javascript:alert(1)'])(
    'refuses %s: the link goes to the library instead',
    async (value) => {
      const study = await page(`/case-studies/${sample.caseStudies[0].slug}?back=${encodeURIComponent(value)}`);
      expect(/href="([^"]*)" class="govuk-back-link"/.exec(study)![1]).toBe('/case-studies');
    }
  );
});

describe('no results', () => {
  it.each([
    ['reofending', 'reoffending', 'reoffend'],
    ['partnershp', 'partnership', 'partnership'],
    ['taxi drivrs', 'taxi drivers', 'driver'],
  ])('"%s" offers "Did you mean %s?", and one click runs it', async (typed, suggested, stem) => {
    const html = await page(`/case-studies?q=${encodeURIComponent(typed)}`);
    const link = /Did you mean <a class="govuk-link" href="([^"]*)">([^<]*)<\/a>\?/.exec(html);
    expect(link?.[2]).toBe(suggested);
    const total = known.filter((k) => stem.split(' ').every((s) => hasWord(k, s))).length;
    expect(countLine(await page(decode(link![1])))).toBe(
      `Your search for ‘${suggested}’ returned ${total} result${total === 1 ? '' : 's'}`
    );
  });

  it('advises checking the spelling, fewer words and removing filters', async () => {
    const html = await page('/case-studies?q=xylophone&topics=prevent');
    expect(countLine(html)).toBe('Your search for ‘xylophone’ returned 0 results');
    for (const advice of ['removing filters', 'double-checking your spelling', 'using fewer keywords'])
      expect(html).toContain(advice);
    expect(html).not.toContain('Did you mean');
  });
});

describe('bad input: a clear 400 naming the field, never a 500', () => {
  it.each([
    ['from=yesterday', '#from', 'Published from must be a year, such as 2019, or a date written 2019-03-27'],
    ['to=2019-02-30', '#to', 'Published to must be a year'],
    ['from=2021&to=2019', '#from', 'Published from must not be after published to'],
    [`q=${Array.from({ length: 13 }, (_, i) => `word${i}`).join('+')}`, '#q', 'Search by keyword: at most 12 words'],
  ])('?%s', async (query, href, message) => {
    const html = await page(`/case-studies?${query}`, 400);
    expect(html).toContain(`href="${href}"`);
    expect(html).toContain(message);
    expect(html).toMatch(/<title>Error: /);
  });

  it('ignores what it cannot read as a filter (unknown region, malformed slugs)', async () => {
    const html = await page('/case-studies?region=atlantis&topics=%3Cx%3E&councils=Bad%20Slug');
    expect(countLine(html)).toBe(`Your search returned ${known.length + 1} results`);
  });
});

describe('sorts', () => {
  const slugOf = (href: string) => /^\/case-studies\/([a-z0-9-]+)/.exec(href)?.[1];
  // Every published study on the topic (other tests in this file add some): no date sorts as the oldest.
  const published = async () =>
    (await app.strapi.documents(UID as never).findMany({
      status: 'published',
      filters: { topics: { slug: 'prevent' } },
      fields: ['slug', 'publicationDate'],
      limit: 1000,
    } as never)) as unknown as Array<{ slug: string; publicationDate: string | null }>;
  it.each([
    ['newest', (a: string, b: string) => b.localeCompare(a)],
    ['oldest', (a: string, b: string) => a.localeCompare(b)],
  ])('sort=%s lists the first page in that date order, and the sort box shows it chosen', async (sort, order) => {
    const all = await published();
    const dateOf = new Map(all.map((s) => [s.slug, s.publicationDate ?? '']));
    const html = await page(`/case-studies?topics=prevent&sort=${sort}`);
    const dates = results(html).map((href) => dateOf.get(slugOf(href)!));
    expect(dates).toEqual([...dateOf.values()].sort(order).slice(0, 10));
    expect(html).toMatch(new RegExp(`<option value="${sort}" selected`));
  });
});
