import { TEST_DB } from '../helpers/database';
import { freePort, startSecondProcess, startTestApp, type TestApp } from '../helpers/strapi';
import { sample } from '../helpers/sample-data';
import { UID, addGenerated } from './corpus';

/**
 * The index is refreshed on every write path; after each one, search must agree exactly with what
 * Strapi itself says is published (the brute-force oracle, read through the document service).
 */
let app: TestApp;
// On PostgreSQL a second Strapi process shares the database: every check is made through both.
let other: { baseUrl: string; stop(): Promise<void> } | undefined;
beforeAll(async () => {
  app = await startTestApp('search_writes');
  await addGenerated(app.strapi, 12, 3);
  if (TEST_DB === 'postgres') other = await startSecondProcess(await freePort());
}, 120_000);
afterAll(async () => {
  await other?.stop();
  await app?.close();
});

/** The same search through this process and, on PostgreSQL, the other one: they must agree. */
async function searchBoth(query: string) {
  const res = await app.http().get(`/api/case-studies/search?pageSize=100&${query}`);
  expect(res.status).toBe(200);
  if (other) {
    const there = await fetch(`${other.baseUrl}/api/case-studies/search?pageSize=100&${query}`);
    expect(there.status).toBe(200);
    expect(await there.json()).toEqual(res.body);
  }
  return res;
}

interface Published {
  documentId: string;
  slug: string;
  title: string;
  topics: Array<{ slug: string }>;
  supportTypes: Array<{ slug: string }>;
}

const published = async () =>
  (await app.strapi.documents(UID).findMany({
    status: 'published',
    populate: { topics: { fields: ['slug'] }, supportTypes: { fields: ['slug'] } },
    limit: 10_000,
  } as never)) as unknown as Published[];

type Predicate = (p: Published) => boolean;

/**
 * Search agrees with the document service: the same studies and total, and each facet counted under
 * the other filters (`ownFilter` names the facet whose filter the query sets, if any).
 */
async function expectSearchAgrees(
  query: string,
  predicate: Predicate,
  ownFilter?: { facet: 'topics' | 'supportTypes'; without: Predicate }
): Promise<void> {
  const all = await published();
  const matching = all.filter(predicate);
  const res = await searchBoth(query);
  expect(res.body.data.map((d: { slug: string }) => d.slug).sort()).toEqual(
    matching.map((p) => p.slug).sort()
  );
  expect(res.body.meta.pagination.total).toBe(matching.length);
  for (const [field, vocabulary] of [
    ['topics', sample.topics],
    ['supportTypes', sample.supportTypes],
  ] as const) {
    const pool = ownFilter?.facet === field ? all.filter(ownFilter.without) : matching;
    const counts = Object.fromEntries(
      res.body.meta.facets[field].map((f: { slug: string; count: number }) => [f.slug, f.count])
    );
    const expected = Object.fromEntries(
      vocabulary.map((v) => [v.slug, pool.filter((p) => p[field].some((t) => t.slug === v.slug)).length])
    );
    expect(counts).toEqual(expected);
  }
}

async function expectExact(): Promise<void> {
  await expectSearchAgrees('', () => true);
  await expectSearchAgrees('topics=prevent', (p) => p.topics.some((t) => t.slug === 'prevent'), {
    facet: 'topics',
    without: () => true,
  });
  await expectSearchAgrees('q=renamed', (p) => /renamed/i.test(p.title));
}

const topicId = async (slug: string) =>
  (await app.strapi.documents('api::topic.topic').findFirst({ filters: { slug } } as never))!.documentId;

describe('counts stay exact on every write path', () => {
  let target: Published;
  beforeAll(async () => {
    target = (await published()).find((p) => !p.topics.some((t) => t.slug === 'prevent'))!;
  });

  it('starts exact', expectExact);

  it('a content-manager-style edit is invisible until published, then exact', async () => {
    const cm = app.strapi.plugin('content-manager').service('document-manager');
    await cm.update(target.documentId, UID, {
      data: { title: 'Renamed study', topics: [await topicId('prevent')] },
    });
    await expectExact();
    expect((await published()).find((p) => p.documentId === target.documentId)!.title).not.toBe(
      'Renamed study'
    );
    await cm.publish(target.documentId, UID);
    await expectExact();
    const res = await app.http().get('/api/case-studies/search?q=renamed&topics=prevent');
    expect(res.body.meta.pagination.total).toBe(1);
  });

  it('unpublish through the document service', async () => {
    await app.strapi.documents(UID).unpublish({ documentId: target.documentId } as never);
    await expectExact();
    expect((await app.http().get('/api/case-studies/search?q=renamed')).body.meta.pagination.total).toBe(0);
  });

  it('publish through the document service', async () => {
    await app.strapi.documents(UID).publish({ documentId: target.documentId } as never);
    await expectExact();
  });

  it('bulk unpublish and publish in the content manager', async () => {
    const cm = app.strapi.plugin('content-manager').service('document-manager');
    const ids = (await published()).slice(0, 3).map((p) => p.documentId);
    await cm.unpublishMany(ids, UID);
    await expectExact();
    await cm.publishMany(UID, ids);
    await expectExact();
  });

  it('delete', async () => {
    await app.strapi.documents(UID).delete({ documentId: target.documentId } as never);
    await expectExact();
  });

  it('a refused publish (no topic) leaves the index as it was', async () => {
    const draft = await app.strapi
      .documents(UID)
      .create({ data: { title: 'Renamed orphan', summary: 'No topic.' } } as never);
    await expect(
      app.strapi.documents(UID).publish({ documentId: draft.documentId } as never)
    ).rejects.toThrow(/topic/);
    await expectExact();
  });
});
