import supertest from 'supertest';
import { startListeningApp, type ListeningApp } from '../helpers/browser';
import { backgroundWorkSettled } from '../helpers/strapi';
import { TEST_DB } from '../helpers/database';

// Plain JS shared with scripts/load-worst-requests.js (the longer run).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { worstRequests, runLoad } = require('../../scripts/load/worst-requests');

const CASE_STUDY = 'api::case-study.case-study';
let app: ListeningApp;

beforeAll(async () => {
  app = await startListeningApp('security_cost');
  // Each case study related to the next three: populating relatedCaseStudies really fans out.
  const documents = app.strapi.documents(CASE_STUDY as never);
  const all = (await documents.findMany({ status: 'published', fields: ['documentId'] } as never)) as {
    documentId: string;
  }[];
  for (const [i, { documentId }] of all.entries()) {
    const related = [1, 2, 3].map((k) => all[(i + k) % all.length].documentId);
    await documents.update({ documentId, data: { relatedCaseStudies: related } } as never);
    await documents.publish({ documentId } as never);
  }
  // Each publish's event reads its entry back in the background: not under the load test's clients.
  await backgroundWorkSettled(app.strapi);
}, 180_000); // booting Strapi on a busy shared machine can take more than the default minute
afterAll(async () => app?.close());

const http = () => supertest(app.baseUrl);
const RELATED = 'relatedCaseStudies';
const dotted = (levels: number) => Array(levels).fill(RELATED).join('.');
const bracketed = (levels: number) =>
  `populate${Array.from({ length: levels }, (_, i) => `[${RELATED}]${i < levels - 1 ? '[populate]' : ''}`).join('')}=true`;

/** The SQL statements the database receives while `fn` runs (after earlier writes' background work settles). */
async function queriesDuring(fn: () => Promise<unknown>): Promise<number> {
  const knex = app.strapi.db.connection as unknown as {
    on(e: string, f: () => void): void;
    off(e: string, f: () => void): void;
  };
  let count = 0;
  const counter = () => (count += 1);
  knex.on('query', counter);
  try {
    for (let waited = 0; waited < 10_000; waited += 250) {
      const before = count;
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (count === before) break;
    }
    count = 0;
    await fn();
    return count;
  } finally {
    knex.off('query', counter);
  }
}

describe('REST: populate, filters and sort have a cost ceiling', () => {
  it('a depth-20 populate answers 400 naming the parameter, in milliseconds, without any query', async () => {
    let res!: supertest.Response;
    const started = performance.now();
    const sql = await queriesDuring(async () => {
      res = await http().get(`/api/case-studies?populate=${dotted(20)}`);
    });
    const elapsed = performance.now() - started;
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'ValidationError',
      message: 'populate: nests 20 levels deep; at most 3 are allowed',
      details: { errors: [{ path: ['populate'] }] },
    });
    expect(sql).toBe(0);
    // Before the ceiling this request blocked the event loop for minutes; a generous bound for a busy machine.
    expect(elapsed).toBeLessThan(1000);
  });

  it.each([
    [`populate=${dotted(4)}`, 'populate', 'nests 4 levels deep; at most 3 are allowed'],
    [bracketed(4), 'populate', 'nests 4 levels deep; at most 3 are allowed'],
    [
      `populate[${RELATED}][populate][${RELATED}][populate][${RELATED}][populate]=*`,
      'populate',
      'nests 4 levels deep; at most 3 are allowed',
    ],
    [
      Array.from({ length: 21 }, (_, i) => `populate[${i}]=topics`).join('&'),
      'populate',
      'populates 21 relations; at most 20 are allowed',
    ],
    [
      `filters${'[relatedCaseStudies]'.repeat(4)}[title][$eq]=x`,
      'filters',
      'joins through 4 relations; at most 3 are allowed',
    ],
    [
      Array.from({ length: 51 }, (_, i) => `filters[$or][${i}][title][$eq]=${i}`).join('&'),
      'filters',
      'has 51 conditions; at most 50 are allowed',
    ],
    [
      Array.from(
        { length: 48 },
        (_, i) => `filters[$or][${i}][${RELATED}][${RELATED}][topics][name][$containsi]=${i}`
      ).join('&'),
      'filters',
      'joins 144 relations in all; at most 3 are allowed',
    ],
    [`sort=${dotted(4)}.title:asc`, 'sort', 'joins through 4 relations; at most 3 are allowed'],
    [
      `populate[topics][filters]${'[a]'.repeat(5)}[$eq]=1`,
      'populate[topics][filters]',
      'joins through 4 relations; at most 3 are allowed',
    ],
  ])('refuses %s', async (query, parameter, message) => {
    const res = await http().get(`/api/case-studies?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(`${parameter}: ${message}`);
    expect(res.body.error.details.errors[0].path).toEqual([parameter]);
  });

  it('on every content-API read: one entry, other types, and writes with a populate', async () => {
    const [first] = (await http().get('/api/case-studies')).body.data;
    expect((await http().get(`/api/case-studies/${first.documentId}?populate=${dotted(5)}`)).status).toBe(
      400
    );
    expect((await http().get(`/api/topics?populate=${dotted(5)}`)).status).toBe(400);
    expect(
      (
        await http()
          .post(`/api/submissions?populate=${dotted(5)}`)
          .send({})
      ).status
    ).toBe(400);
  });

  it.each([
    'populate=*',
    'populate[0]=topics&populate[1]=supportTypes&populate[2]=councils',
    `populate=${dotted(3)}`,
    `populate[${RELATED}][populate][${RELATED}][populate]=*&populate[topics]=true`,
    'filters[topics][slug][$in][0]=prevent&filters[topics][slug][$in][1]=children-and-young-people',
    'filters[$or][0][title][$containsi]=taxi&filters[$or][1][summary][$containsi]=taxi&sort=title:asc',
    `filters[${RELATED}][${RELATED}][topics][slug][$eq]=prevent`,
  ])('answers %s as before', async (query) => {
    const res = await http().get(`/api/case-studies?${query}`);
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body.data)).toBe(true);
  });

  it('still populates what it allows: three levels of related case studies', async () => {
    const res = await http().get(`/api/case-studies?populate=${dotted(3)}&pagination[pageSize]=1`);
    expect(res.body.data[0][RELATED][0][RELATED][0][RELATED]).toHaveLength(3);
  });
});

describe('GraphQL: depth and rows are bounded', () => {
  const gql = (query: string, variables?: Record<string, unknown>) =>
    http().post('/graphql').send({ query, variables });
  const nested = (levels: number, limit: number) =>
    Array.from({ length: levels }).reduce<string>(
      (inner) => `${RELATED}(pagination: { limit: ${limit} }) { title ${inner} }`,
      'slug'
    );

  it('refuses a query deeper than the depth limit', async () => {
    const res = await gql(`{ caseStudies { ${nested(8, 1)} } }`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/exceeds maximum operation depth/);
  });

  it('refuses a shallow query that would read too many rows: nested lists, aliases, pages from variables', async () => {
    const wide = await gql(`{ caseStudies(pagination: { pageSize: 100 }) { ${nested(2, 100)} } }`);
    expect(wide.status).toBe(400);
    expect(wide.body.errors[0].message).toMatch(
      /^This query may read 1010100 rows; at most 10000 are allowed/
    );

    const aliases = Array.from(
      { length: 50 },
      (_, i) => `a${i}: caseStudies(pagination: { pageSize: 100 }) { title topics { name } }`
    );
    expect((await gql(`{ ${aliases.join(' ')} }`)).status).toBe(400);

    const byVariables = `query($n: Int) { caseStudies(pagination: { pageSize: $n }) { ${RELATED}(pagination: { limit: $n }) { topics(pagination: { limit: $n }) { name } } } }`;
    expect((await gql(byVariables, { n: 100 })).status).toBe(400);
    const small = await gql(byVariables, { n: 5 });
    expect(small.status).toBe(200);
    expect(small.body.data.caseStudies).toHaveLength(5);
  });

  it("answers the README's query, and a seven-level query of single items", async () => {
    const readme = await gql(`{
      caseStudies(filters: { topics: { slug: { eq: "prevent" } } }, sort: "publicationDate:desc", pagination: { pageSize: 10 }) {
        title slug summary publicationDate councils { name region } topics { name slug }
      }
      caseStudies_connection(filters: { topics: { slug: { eq: "prevent" } } }) { pageInfo { total } }
    }`);
    expect(readme.status).toBe(200);
    expect(readme.body.data.caseStudies.length).toBeGreaterThan(0);
    const deep = await gql(`{ caseStudies(pagination: { pageSize: 1 }) { ${nested(5, 1)} } }`);
    expect(deep.status).toBe(200);
  });
});

// The ceiling keeps the server answering under the worst requests it allows. PostgreSQL only: it is
// the production database, and SQLite's driver runs every query on the event loop by design, so its
// figure measures the driver, not the ceiling (scripts/load-worst-requests.js measures both, longer).
// The target is /_health within 100 ms. On this shared 2-core machine other developers' work (load
// average 7-13) puts /_health's p99 in the hundreds of ms under 20 saturating clients, so CI asserts
// "never frozen": every /_health answered within LOAD_TEST_HEALTH_MAX_MS (3 s by default; before the
// ceiling one request held it for 7 s at depth 16 and minutes at depth 20), and logs the p99s. Set
// LOAD_TEST_HEALTH_MAX_MS=100 to hold it to the target on a quiet machine.
if (TEST_DB === 'postgres')
  it('answers /_health, never frozen, while 20 clients send the worst requests for 30 s (PostgreSQL)', async () => {
    const topics = (await http().get('/api/topics')).body.data.map((t: { slug: string }) => t.slug);
    const councils = (await http().get('/api/councils')).body.data.map((c: { slug: string }) => c.slug);
    const requests = worstRequests({ topics, councils });
    for (const request of requests) {
      const res = await http()[request.method === 'GET' ? 'get' : 'post'](request.path).send(request.body);
      const refused = request.path.includes(dotted(20));
      expect({ path: request.path, status: res.status }).toEqual({
        path: request.path,
        status: refused ? 400 : 200,
      });
    }
    const seconds = Number(process.env.LOAD_TEST_SECONDS ?? 30);
    const result = await runLoad({ baseUrl: app.baseUrl, requests, seconds, clients: 20 });
    console.info(`worst-request load (${TEST_DB}): ${JSON.stringify(result)}`);
    expect(result.failures).toBe(0);
    expect(Object.keys(result.statuses).filter((key) => / 5\d\d$/.test(key))).toEqual([]);
    expect(result.health.statuses).toEqual({ 204: result.health.count });
    expect(result.health.max).toBeLessThan(Number(process.env.LOAD_TEST_HEALTH_MAX_MS ?? 3000));
  }, 120_000);
