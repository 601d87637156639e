import Parser from 'rss-parser';
import { parse } from 'csv-parse/sync';
import { startTestApp, type TestApp, createFullAccessToken } from '../helpers/strapi';
import { TEST_DB } from '../helpers/database';
import { sample } from '../helpers/sample-data';

let app: TestApp;
let token: string;

beforeAll(async () => {
  app = await startTestApp('open_data', { SITEMAP_URLS_PER_FILE: '4' });
  token = await createFullAccessToken(app.strapi);
  // A case study with everything a CSV must quote: commas, quotes, newlines, non-ASCII, and a title that
  // would close a <script> element if it were not escaped.
  const topics = await app.http().get('/api/topics?filters[slug][$eq]=prevent');
  const councils = await app.http().get('/api/councils?filters[slug][$eq]=bristol-city-council');
  const res = await app
    .http()
    .post('/api/case-studies?status=published')
    .set('Authorization', `Bearer ${token}`)
    .send({
      data: {
        title: 'Ysgol Gymraeg, "Café" </script><script>alert(1)</script> & more',
        slug: 'quoting-test',
        summary: 'Commas, "quotes",\nnew lines and ünïcödé — all kept.',
        publicationDate: '2020-02-29',
        topics: [topics.body.data[0].documentId],
        councils: [councils.body.data[0].documentId],
        sections: [
          { heading: 'The challenge', body: 'First line,\nsecond "line".' },
          { heading: 'Ein Überblick', body: 'Nicht im Vorlage.' },
        ],
        contact: { name: 'Siân Jones', role: 'Lead, libraries', email: 'sian@bristol.gov.uk' },
        externalLinks: [{ label: 'Report, 2020', url: 'https://example.org/report?a=1&b=2' }],
      },
    });
  expect(res.status).toBe(201);
});
afterAll(() => app?.close());

const published = sample.caseStudies.length + 1;

describe(`Open data (${TEST_DB})`, () => {
  test('CSV: the right columns, quoting of commas, quotes, newlines and non-ASCII, a licence link, no half rows', async () => {
    const res = await app.http().get('/case-studies/export.csv').buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('case-studies.csv');
    expect(res.headers.link).toBe('<https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/>; rel="license"; title="Open Government Licence v3.0"');
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark for spreadsheets
    const rows = parse(bytes, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(published);
    expect(Object.keys(rows[0]).slice(0, 6)).toEqual(['slug', 'title', 'summary', 'publicationDate', 'url', 'councils']);
    expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['section: The challenge', 'section: Ein Überblick', 'otherSections']));
    expect(Object.keys(rows[0]).indexOf('section: The challenge')).toBeLessThan(Object.keys(rows[0]).indexOf('section: Ein Überblick'));
    const quoted = rows.find((r) => r.slug === 'quoting-test')!;
    expect(quoted.title).toBe('Ysgol Gymraeg, "Café" </script><script>alert(1)</script> & more');
    expect(quoted.summary).toBe('Commas, "quotes",\nnew lines and ünïcödé — all kept.');
    expect(quoted['section: The challenge']).toBe('First line,\nsecond "line".');
    expect(quoted.contactName).toBe('Siân Jones');
    expect(quoted.externalLinks).toBe('Report, 2020 <https://example.org/report?a=1&b=2>');
    expect(quoted.url).toBe('http://127.0.0.1:1337/case-studies/quoting-test');
    expect(quoted.councils).toBe('bristol-city-council');
    expect(bytes.toString('utf8')).toContain('"Ysgol Gymraeg, ""Café"" </script>');
    expect(bytes.toString('utf8')).toMatch(/\r\n$/);
  });

  test('JSON: the licence in its metadata, every record, in slug order', async () => {
    const res = await app.http().get('/case-studies/export.json');
    expect(res.status).toBe(200);
    const doc = JSON.parse(res.text);
    expect(doc.meta.licence).toEqual({ name: 'Open Government Licence v3.0', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' });
    expect(doc.data.map((r: { slug: string }) => r.slug)).toEqual([...sample.caseStudies.map((s) => s.slug), 'quoting-test'].sort());
    const bristol = doc.data.find((r: { slug: string }) => r.slug === 'quoting-test');
    expect(bristol.topics).toEqual([{ slug: 'prevent', name: 'Prevent and counter-extremism' }]);
    expect(bristol.contact).toEqual({ name: 'Siân Jones', role: 'Lead, libraries', email: 'sian@bristol.gov.uk' });
  });

  test.each([
    ['topics=prevent'],
    ['topics=prevent,children-and-young-people&supportTypes=funding'],
    ['from=2016-01-01&to=2016-12-31'],
    ['region=london'],
    ['councils=bristol-city-council'],
    ['q=school'],
  ])('a filtered export (%s) has exactly the search\'s results', async (filters) => {
    const search = await app.http().get(`/api/case-studies/search?${filters}&pageSize=100`);
    expect(search.status).toBe(200);
    const json = JSON.parse((await app.http().get(`/case-studies/export.json?${filters}`)).text);
    expect(json.data.length).toBe(search.body.meta.pagination.total);
    expect(json.data.map((r: { slug: string }) => r.slug).sort()).toEqual(search.body.data.map((h: { slug: string }) => h.slug).sort());
    const csv = parse((await app.http().get(`/case-studies/export.csv?${filters}`)).text, { bom: true, columns: true });
    expect(csv.length).toBe(search.body.meta.pagination.total);
  });

  test('bad filters answer 400 naming the parameter, before anything is streamed', async () => {
    for (const [query, param] of [['topics=<b>', 'topics'], ['from=2016-13-01', 'from'], ['page=2', 'page'], ['q=' + 'x'.repeat(300), 'q']]) {
      const res = await app.http().get(`/case-studies/export.csv?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message.startsWith(`${param}:`)).toBe(true);
    }
  });

  test('Atom feed: valid Atom, newest first, follows a topic, titles escaped', async () => {
    const res = await app.http().get('/case-studies/feed.atom?topics=prevent');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = await new Parser().parseString(res.text);
    expect(feed.feedUrl ?? feed.link).toBeTruthy();
    const prevent = sample.caseStudies.filter((s) => s.topics.includes('prevent'));
    expect(feed.items).toHaveLength(prevent.length + 1);
    const dates = feed.items.map((i) => i.isoDate ?? '');
    // Atom type="html" text: the title escaped once, so a reader shows "</script>" as text, never as markup.
    expect(res.text).toContain('<title type="html"><![CDATA[Ysgol Gymraeg, &quot;Café&quot; &lt;/script&gt;&lt;script&gt;');
    expect(feed.items[0].title).toBe('Ysgol Gymraeg, &quot;Café&quot; &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    const entryDates = feed.items.map((i) => (i as { published?: string }).published ?? '');
    expect(entryDates).toEqual([...entryDates].sort().reverse()); // newest publication date first
    expect(feed.items.every((i) => i.link?.startsWith('http://127.0.0.1:1337/case-studies/'))).toBe(true);
    expect(dates.length).toBeGreaterThan(0);
    expect(res.text).toContain('<rights>Open Government Licence v3.0');
    const all = await new Parser().parseString((await app.http().get('/case-studies/feed.atom')).text);
    expect(all.items).toHaveLength(published);
  });

  test('the library page links the downloads and the feed under its filters', async () => {
    const page = await app.http().get('/case-studies?topics=prevent&topics=children-and-young-people&sort=title');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<link rel="alternate" type="application/atom+xml" title="New case studies (these filters)" href="/case-studies/feed.atom?topics=prevent%2Cchildren-and-young-people">');
    expect(page.text).toContain('href="/case-studies/export.csv?topics=prevent%2Cchildren-and-young-people"');
    expect(page.text).toContain('rel="license"');
  });

  test('a case study page: canonical URL, Open Graph, schema.org Article JSON-LD that a title cannot break', async () => {
    const page = await app.http().get('/case-studies/quoting-test');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<link rel="canonical" href="http://127.0.0.1:1337/case-studies/quoting-test">');
    expect(page.text).toContain('<meta property="og:type" content="article">');
    expect(page.text).toContain('<meta property="og:title" content="Ysgol Gymraeg, &quot;Café&quot; &lt;/script&gt;');
    const scripts = [...page.text.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    const article = JSON.parse(scripts[0][1]);
    expect(article).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Article',
      headline: 'Ysgol Gymraeg, "Café" </script><script>alert(1)</script> & more',
      url: 'http://127.0.0.1:1337/case-studies/quoting-test',
      datePublished: '2020-02-29',
      author: [{ '@type': 'GovernmentOrganization', name: 'Bristol City Council' }],
      about: [{ '@type': 'Thing', name: 'Prevent and counter-extremism' }],
    });
    expect(scripts[0][1]).not.toContain('<');
  });

  test('sitemap past its per-file limit is a sitemap index; every published case study is in one file; robots.txt', async () => {
    const index = await app.http().get('/sitemap.xml');
    expect(index.status).toBe(200);
    const files = [...index.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    expect(index.text).toContain('<sitemapindex');
    expect(files).toHaveLength(Math.ceil((published + 1) / 4));
    const urls: string[] = [];
    for (const file of files) {
      const res = await app.http().get(new URL(file).pathname + new URL(file).search);
      expect(res.status).toBe(200);
      urls.push(...[...res.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]));
    }
    expect(urls).toHaveLength(published + 1);
    expect(new Set(urls).size).toBe(urls.length);
    expect(urls).toContain('http://127.0.0.1:1337/case-studies/quoting-test');
    expect((await app.http().get('/sitemap.xml?page=99')).status).toBe(400);
    const robots = await app.http().get('/robots.txt');
    expect(robots.text).toContain('Disallow: /submit\nDisallow: /admin');
    expect(robots.text).toContain('Sitemap: http://127.0.0.1:1337/sitemap.xml');
  });

  test('a draft never reaches the export, the feed or the sitemap', async () => {
    const topics = await app.http().get('/api/topics?filters[slug][$eq]=prevent');
    const res = await app.http().post('/api/case-studies?status=draft').set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'Secret draft', slug: 'secret-draft', summary: 'Not yet.', topics: [topics.body.data[0].documentId] } });
    expect(res.status).toBe(201);
    for (const path of ['/case-studies/export.json', '/case-studies/export.csv', '/case-studies/feed.atom', '/sitemap.xml?page=1', '/sitemap.xml?page=2', '/sitemap.xml?page=3']) {
      expect((await app.http().get(path)).text).not.toContain('secret-draft');
    }
  });
});
