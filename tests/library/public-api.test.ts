import { startTestApp, type TestApp } from '../helpers/strapi';
import { sample, slugsWhere, councilBySlug } from '../helpers/sample-data';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('public_api');
});
afterAll(() => app?.close());

async function listSlugs(query: string): Promise<{ slugs: string[]; total: number }> {
  const res = await app.http().get(`/api/case-studies?fields[0]=slug&pagination[pageSize]=100&${query}`);
  expect(res.status).toBe(200);
  return {
    slugs: res.body.data.map((d: { slug: string }) => d.slug).sort(),
    total: res.body.meta.pagination.total,
  };
}

describe('REST filters return exactly the sample case studies that match', () => {
  const cases: Array<[string, string, (s: (typeof sample.caseStudies)[number]) => boolean]> = [
    ['one topic', 'filters[topics][slug][$eq]=prevent', (s) => s.topics.includes('prevent')],
    [
      'several topics (any of)',
      'filters[topics][slug][$in][0]=offenders-and-anti-social-behaviour&filters[topics][slug][$in][1]=violence-against-women-and-girls',
      (s) =>
        s.topics.some((t) =>
          ['offenders-and-anti-social-behaviour', 'violence-against-women-and-girls'].includes(t)
        ),
    ],
    [
      'one support type',
      'filters[supportTypes][slug][$eq]=funding',
      (s) => s.supportTypes.includes('funding'),
    ],
    [
      'topic and support type',
      'filters[topics][slug][$eq]=prevent&filters[supportTypes][slug][$eq]=partnership-working',
      (s) => s.topics.includes('prevent') && s.supportTypes.includes('partnership-working'),
    ],
    [
      'council',
      'filters[councils][slug][$eq]=bristol-city-council',
      (s) => s.councils.includes('bristol-city-council'),
    ],
    [
      'region',
      'filters[councils][region][$eq]=london',
      (s) => s.councils.some((c) => councilBySlug.get(c)?.region === 'london'),
    ],
    [
      'publication-date range',
      'filters[publicationDate][$gte]=2015-11-01&filters[publicationDate][$lte]=2015-11-30',
      (s) => s.publicationDate >= '2015-11-01' && s.publicationDate <= '2015-11-30',
    ],
    [
      'keyword on title or summary',
      'filters[$or][0][title][$containsi]=TAXI&filters[$or][1][summary][$containsi]=taxi',
      (s) => /taxi/i.test(s.title) || /taxi/i.test(s.summary),
    ],
    [
      'keyword found only in a summary',
      'filters[$or][0][title][$containsi]=ethnographic&filters[$or][1][summary][$containsi]=ethnographic',
      (s) => /ethnographic/i.test(s.title + s.summary),
    ],
  ];

  it.each(cases)('%s', async (_name, query, predicate) => {
    const expected = slugsWhere(predicate);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(sample.caseStudies.length);
    const { slugs, total } = await listSlugs(query);
    expect(slugs).toEqual(expected);
    expect(total).toBe(expected.length);
  });

  it('lists every published sample case study with its total ("Your search returned N results")', async () => {
    const { slugs, total } = await listSlugs('');
    expect(total).toBe(sample.caseStudies.length);
    expect(slugs).toEqual(slugsWhere(() => true));
  });
});

describe('sorting and paging', () => {
  it('sorts by publication date, newest first', async () => {
    const res = await app
      .http()
      .get('/api/case-studies?fields[0]=publicationDate&sort=publicationDate:desc&pagination[pageSize]=100');
    const dates = res.body.data.map((d: { publicationDate: string }) => d.publicationDate);
    expect(dates).toEqual([...sample.caseStudies.map((s) => s.publicationDate)].sort().reverse());
  });

  it('sorts by title', async () => {
    const res = await app
      .http()
      .get('/api/case-studies?fields[0]=title&sort=title:asc&pagination[pageSize]=100');
    const titles = res.body.data.map((d: { title: string }) => d.title);
    expect(titles).toHaveLength(sample.caseStudies.length);
    expect(titles[0]).toBe('Birmingham City Council: working with schools');
    expect(titles[titles.length - 1]).toBe('Royal Borough of Greenwich: harnessing the power of football');
  });

  it('pages with totals that add up', async () => {
    const seen: string[] = [];
    for (const page of [1, 2, 3]) {
      const res = await app
        .http()
        .get(
          `/api/case-studies?fields[0]=slug&sort=slug:asc&pagination[page]=${page}&pagination[pageSize]=4`
        );
      expect(res.status).toBe(200);
      expect(res.body.meta.pagination).toEqual({
        page,
        pageSize: 4,
        pageCount: 3,
        total: sample.caseStudies.length,
      });
      seen.push(...res.body.data.map((d: { slug: string }) => d.slug));
    }
    expect(seen).toEqual(slugsWhere(() => true));
  });

  it('populates topics, support types and councils for a listing card', async () => {
    const res = await app
      .http()
      .get(
        '/api/case-studies?filters[slug][$eq]=central-bedfordshire-and-luton-reducing-reoffending&populate[0]=topics&populate[1]=councils&populate[2]=supportTypes'
      );
    const [study] = res.body.data;
    expect(study.councils.map((c: { name: string }) => c.name).sort()).toEqual([
      'Central Bedfordshire Council',
      'Luton Borough Council',
    ]);
    expect(study.topics.map((t: { slug: string }) => t.slug)).toEqual([
      'offenders-and-anti-social-behaviour',
    ]);
    expect(study.supportTypes.map((t: { slug: string }) => t.slug)).toEqual(['research-and-insight']);
  });
});

describe('what the Public role may read', () => {
  it('reads topics, support types and councils, but never a council officer email domain', async () => {
    for (const [path, count] of [
      ['/api/topics', sample.topics.length],
      ['/api/support-types', sample.supportTypes.length],
      ['/api/councils', sample.councils.length],
    ] as const) {
      const res = await app.http().get(path);
      expect(res.status).toBe(200);
      expect(res.body.meta.pagination.total).toBe(count);
    }
    const councils = await app.http().get('/api/councils');
    expect(councils.body.data[0]).not.toHaveProperty('emailDomains');
  });

  it('cannot write anything', async () => {
    const res = await app
      .http()
      .post('/api/case-studies')
      .send({ data: { title: 'x', summary: 'y' } });
    expect(res.status).toBe(403);
    expect(
      (
        await app
          .http()
          .delete(`/api/topics/${(await app.http().get('/api/topics')).body.data[0].documentId}`)
      ).status
    ).toBe(403);
    expect((await app.http().get('/api/users')).status).toBe(403);
  });

  it('serves the OpenAPI reference', async () => {
    // The document's version is the app's (package.json), as its `info.version` says.
    const { version } = require('../../package.json') as { version: string };
    const res = await app.http().get(`/documentation/v${version}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger-ui');
    expect(res.text).toContain('/case-studies');
  });
});

describe('GraphQL', () => {
  const gql = (query: string, variables?: Record<string, unknown>) =>
    app.http().post('/graphql').send({ query, variables });

  it('answers the library query with the same filters as REST', async () => {
    const res = await gql(
      `query ($topic: String!) {
        caseStudies(filters: { topics: { slug: { eq: $topic } } }, sort: "slug:asc", pagination: { pageSize: 50 }) {
          slug title councils { name region } topics { slug }
        }
        caseStudies_connection(filters: { topics: { slug: { eq: $topic } } }) { pageInfo { total } }
      }`,
      { topic: 'children-and-young-people' }
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const expected = slugsWhere((s) => s.topics.includes('children-and-young-people'));
    expect(res.body.data.caseStudies.map((s: { slug: string }) => s.slug)).toEqual(expected);
    expect(res.body.data.caseStudies_connection.pageInfo.total).toBe(expected.length);
  });

  it('refuses users to the Public role', async () => {
    const res = await gql('{ usersPermissionsUsers { username email } }');
    expect(res.body.data?.usersPermissionsUsers ?? null).toBeNull();
    expect(res.body.errors[0].message).toMatch(/forbidden/i);
  });

  it('does not expose private fields', async () => {
    const res = await gql('{ councils { name emailDomains } }');
    expect(res.body.errors[0].message).toMatch(/Cannot query field "emailDomains"/);
  });

  it('refuses queries deeper than the depth limit', async () => {
    const deep =
      '{ caseStudies { relatedCaseStudies { relatedCaseStudies { relatedCaseStudies { relatedCaseStudies { relatedCaseStudies { relatedCaseStudies { relatedCaseStudies { title } } } } } } } } }';
    const res = await gql(deep);
    expect(JSON.stringify(res.body.errors)).toMatch(/depth/i);
    expect(res.body.data?.caseStudies ?? undefined).toBeUndefined();
  });

  it('caps the page size one query may ask for, in GraphQL and REST', async () => {
    const res = await gql(
      '{ caseStudies_connection(pagination: { pageSize: 1000 }) { pageInfo { pageSize } } }'
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.caseStudies_connection.pageInfo.pageSize).toBe(100);
    const rest = await app.http().get('/api/case-studies?pagination[pageSize]=1000');
    expect(rest.body.meta.pagination.pageSize).toBe(100);
  });
});
