import { TEST_DB } from '../helpers/database';
import {
  createFullAccessToken,
  freePort,
  startSecondProcess,
  startTestApp,
  type TestApp,
} from '../helpers/strapi';
import { getSearchService } from '../../dist/src/search/service';
import { UID } from './corpus';

/**
 * The data generation keys every cache and ETag: each kind of write the search can see must change
 * the next answer and its ETag, in the process that wrote and (PostgreSQL) in another process.
 */
let app: TestApp;
let other: { baseUrl: string; stop(): Promise<void> } | undefined;
let token: string;
let preventId: string;
const twoProcesses = TEST_DB === 'postgres';

beforeAll(async () => {
  app = await startTestApp('search_generation');
  token = await createFullAccessToken(app.strapi, 'generation');
  preventId = (await app.strapi
    .documents('api::topic.topic')
    .findFirst({ filters: { slug: 'prevent' } } as never))!.documentId;
  if (twoProcesses) other = await startSecondProcess(await freePort());
}, 120_000);
afterAll(async () => {
  await other?.stop();
  await app?.close();
});

interface Seen {
  status: number;
  etag: string;
  body: {
    data: Array<{ title: string }>;
    meta: { pagination: { total: number }; facets: { topics: Array<{ slug: string; name: string }> } };
  };
}

/** One search through this process (supertest) or the other one (fetch), optionally revalidating. */
async function search(where: 'this' | 'other', query: string, ifNoneMatch?: string): Promise<Seen> {
  const headers: Record<string, string> = ifNoneMatch ? { 'If-None-Match': ifNoneMatch } : {};
  if (where === 'this') {
    const res = await app.http().get(`/api/case-studies/search?${query}`).set(headers);
    return { status: res.status, etag: res.headers.etag, body: res.body };
  }
  const res = await fetch(`${other!.baseUrl}/api/case-studies/search?${query}`, { headers });
  return {
    status: res.status,
    etag: res.headers.get('etag')!,
    body: res.status === 200 ? await res.json() : (null as never),
  };
}

const places = (): Array<'this' | 'other'> => (twoProcesses ? ['this', 'other'] : ['this']);

/** Runs `write`, then checks in each process that the answer changed as `expect` says and its ETag moved on. */
async function expectSeen(query: string, write: () => Promise<void>, check: (s: Seen) => void) {
  const before = await Promise.all(places().map((p) => search(p, query)));
  for (const [i, p] of places().entries()) expect((await search(p, query, before[i].etag)).status).toBe(304);
  await write();
  for (const [i, p] of places().entries()) {
    const after = await search(p, query, before[i].etag);
    expect(after.status).toBe(200);
    expect(after.etag).not.toBe(before[i].etag);
    check(after);
  }
}

const total = (s: Seen) => s.body.meta.pagination.total;

describe(`each write the search can see changes the next answer and its ETag${twoProcesses ? ', in both processes' : ''}`, () => {
  let documentId: string;

  it('publish', async () => {
    await expectSeen(
      'q=zanzibar',
      async () => {
        const created = await app.strapi.documents(UID).create({
          data: { title: 'Zanzibar partnership', summary: 'A study about zanzibar.', topics: [preventId] },
        } as never);
        documentId = created.documentId;
        await app.strapi.documents(UID).publish({ documentId } as never);
      },
      (s) => expect(total(s)).toBe(1)
    );
  });

  it('edit (a new draft, then published)', async () => {
    await expectSeen(
      'q=okapi',
      async () => {
        await app.strapi.documents(UID).update({ documentId, data: { title: 'Okapi partnership' } } as never);
        await app.strapi.documents(UID).publish({ documentId } as never);
      },
      (s) => expect(s.body.data.map((d) => d.title)).toEqual(['Okapi partnership'])
    );
  });

  it('unpublish', async () => {
    await expectSeen(
      'q=okapi',
      () =>
        app.strapi
          .documents(UID)
          .unpublish({ documentId } as never)
          .then(() => undefined),
      (s) => expect(total(s)).toBe(0)
    );
  });

  it('delete', async () => {
    await app.strapi.documents(UID).publish({ documentId } as never);
    await expectSeen(
      'q=okapi',
      () =>
        app.strapi
          .documents(UID)
          .delete({ documentId } as never)
          .then(() => undefined),
      (s) => expect(total(s)).toBe(0)
    );
  });

  it('a topic rename', async () => {
    await expectSeen(
      'topics=prevent',
      async () => {
        await app.strapi
          .documents('api::topic.topic')
          .update({ documentId: preventId, data: { name: 'Prevent (renamed)' } } as never);
      },
      (s) =>
        expect(s.body.meta.facets.topics.find((t) => t.slug === 'prevent')!.name).toBe('Prevent (renamed)')
    );
  });

  it('a draft edit changes nothing public, and keeps the ETag', async () => {
    const first = await search('this', 'topics=prevent');
    const draft = await app.strapi
      .documents(UID)
      .create({ data: { title: 'Quiet draft', summary: 'Draft.', topics: [preventId] } } as never);
    expect((await search('this', 'topics=prevent', first.etag)).status).toBe(304);
    await app.strapi.documents(UID).delete({ documentId: draft.documentId } as never);
  });

  it('a 304 runs no search at all', async () => {
    const first = await search('this', 'q=partnership&sort=title');
    const core = getSearchService(app.strapi).core();
    const before = core.stats().responses;
    expect((await search('this', 'q=partnership&sort=title', first.etag)).status).toBe(304);
    expect(core.stats().responses).toEqual(before);
  });
});

// Two Strapi processes share a database only on PostgreSQL (SQLite is the one-process setup).
if (twoProcesses)
  describe('a write through the other process (PostgreSQL only)', () => {
    it('a REST publish through the other process is seen by the next search here', async () => {
      const before = await search('this', 'q=wombat');
      const res = await fetch(`${other!.baseUrl}/api/case-studies`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          data: {
            title: 'Wombat crossings',
            summary: 'Published through the other process.',
            topics: [preventId],
          },
        }),
      });
      expect(res.status).toBe(201);
      const after = await search('this', 'q=wombat', before.etag);
      expect(after.status).toBe(200);
      expect(total(after)).toBe(1);
    });
  });

describe(`the Public role's search permissions are honoured at once${twoProcesses ? ', in both processes' : ''}`, () => {
  const ACTION = 'api::case-study.case-study.search';
  const publicRole = () =>
    app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  const status = async (where: 'this' | 'other', headers: Record<string, string> = {}) =>
    where === 'this'
      ? (await app.http().get('/api/case-studies/search?q=partnership').set(headers)).status
      : (await fetch(`${other!.baseUrl}/api/case-studies/search?q=partnership`, { headers })).status;

  it('revoked: anonymous searches answer 403, a token with the permission still searches; granted again: 200', async () => {
    const role = await publicRole();
    const permissions = app.strapi.db.query('plugin::users-permissions.permission');
    await permissions.delete({ where: { action: ACTION, role: role.id } });
    try {
      for (const where of places()) {
        expect(await status(where)).toBe(403);
        expect(await status(where, { Authorization: `Bearer ${token}` })).toBe(200);
        expect(await status(where, { Authorization: 'Bearer not-a-token' })).toBe(401);
      }
      // The suggest route has its own permission, still granted.
      expect((await app.http().get('/api/case-studies/suggest?q=pa')).status).toBe(200);
    } finally {
      await permissions.create({ data: { action: ACTION, role: role.id } });
    }
    for (const where of places()) expect(await status(where)).toBe(200);
  });
});
