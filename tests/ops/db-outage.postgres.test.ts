import type { AddressInfo } from 'net';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { completeAnswers, councilOfficer, editor, topicIds, type Caller } from '../submissions/world';
import { call, loop, sleep, type Outcome } from './support/http-client';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';

/**
 * PostgreSQL "stopped" for 20 s in the middle of a mixed load. The shared cluster must never be
 * stopped (other developers' tests use it), so Strapi reaches it through a TCP proxy of the test's
 * own, which resets every connection and refuses new ones for the outage.
 */
const OUTAGE_MS = 20_000;
const BEFORE_MS = 5_000;
const AFTER_MS = 8_000;
/** How quickly a request must fail during the outage: well under any client's timeout. */
const FAIL_FAST_MS = 5_000;
/** How soon after the database is back every request must succeed again. */
const RECOVERY_MS = 4_000;

const SUBMISSION = 'plugin::submissions.submission';
const EVENT = 'plugin::submissions.review-event';
const OUTBOX = 'plugin::submissions.outbox-message';

let database: TestDatabase;
let proxy: TcpProxy;
let app: TestApp;
let baseUrl: string;

beforeAll(async () => {
  database = await createTestDatabase('outage');
  const direct = new URL(database.env.DATABASE_URL);
  proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  const proxied = new URL(direct);
  proxied.port = String(proxy.port);
  app = await startTestApp(
    'outage',
    {},
    { database: { ...database, env: { ...database.env, DATABASE_URL: proxied.toString() } } }
  );
  await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(app.strapi.server.httpServer.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  await app?.close();
  await proxy?.close();
  await database?.drop();
});

interface Draft {
  documentId: string;
  version: number;
  title: string;
  /** Saves whose outcome is unknown (no answer, or a 503) since the last known state. */
  unknown: number;
  refresh: boolean;
}

interface Review {
  documentId: string;
  version: number;
  state: string;
  refresh: boolean;
}

it('fails fast with 503 while PostgreSQL is away, recovers by itself, and loses no acknowledged write', async () => {
  const officers = [
    await councilOfficer(app, 'alice@bristol.gov.uk'),
    await councilOfficer(app, 'bea@calderdale.gov.uk'),
  ];
  const reviewer = await editor(app, 'rita.reviewer@lga.test', 'Reviewer');
  const topics = await topicIds(app, 'children-and-young-people');

  const newDraft = async (who: Caller, title: string) => {
    const res = await who.post('/api/submissions', { ...completeAnswers(topics), title });
    expect(res.status).toBe(201);
    return res.body.data as { id: string; version: number };
  };
  const reviews: Review[] = [];
  for (let i = 0; i < 12; i++) {
    for (const who of officers) {
      const draft = await newDraft(who, `For review ${who.email} ${i}`);
      expect((await who.post(`/api/submissions/${draft.id}/actions/submit`, { version: 1 })).status).toBe(
        200
      );
      reviews.push({ documentId: draft.id, version: 2, state: 'submitted', refresh: false });
    }
  }
  const drafts: Draft[] = [];
  for (const who of officers) {
    const draft = await newDraft(who, `Kept draft ${who.email}`);
    drafts.push({
      documentId: draft.id,
      version: 1,
      title: `Kept draft ${who.email}`,
      unknown: 0,
      refresh: false,
    });
  }

  const outcomes: Outcome[] = [];
  const record = (outcome: Outcome) => (outcomes.push(outcome), outcome);
  const createdAcked: Array<{ documentId: string; title: string }> = [];
  const actionsAcked: Array<{ documentId: string; action: string; version: number }> = [];
  let stop = false;
  const stopped = () => stop;

  const reader = (n: number) => {
    const requests: Array<[string, string, string?]> = [
      ['read', '/api/case-studies?populate[0]=topics&pagination[pageSize]=10'],
      ['search', '/api/case-studies/search?q=children'],
      ['page', '/case-studies', 'text/html'],
    ];
    let i = n;
    return loop(stopped, async () => {
      const [kind, path, accept] = requests[i++ % requests.length];
      record(await call(baseUrl, kind, 'GET', path, { accept }));
    });
  };

  const officer = (who: Caller, draft: Draft) => {
    let n = 0;
    return loop(stopped, async () => {
      n += 1;
      if (n % 4 === 0) {
        const title = `Outage create ${who.email} ${n}`;
        const res = record(
          await call(baseUrl, 'create', 'POST', '/api/submissions', {
            token: who.token,
            body: { title, topics },
          })
        );
        if (res.status === 201)
          createdAcked.push({ documentId: (res.body as { data: { id: string } }).data.id, title });
        return;
      }
      if (draft.refresh) {
        const res = record(
          await call(baseUrl, 'draft-read', 'GET', `/api/submissions/${draft.documentId}`, {
            token: who.token,
          })
        );
        if (res.status !== 200) return;
        const data = (res.body as { data: { version: number; title: string } }).data;
        Object.assign(draft, { version: data.version, title: data.title, unknown: 0, refresh: false });
        return;
      }
      const title = `Saved ${who.email} ${n}`;
      const res = record(
        await call(baseUrl, 'save', 'PUT', `/api/submissions/${draft.documentId}`, {
          token: who.token,
          body: { version: draft.version, title },
        })
      );
      if (res.status === 200) {
        Object.assign(draft, {
          version: (res.body as { data: { version: number } }).data.version,
          title,
          unknown: 0,
        });
      } else {
        draft.unknown += 1;
        draft.refresh = true;
      }
    });
  };

  // The reviewer works through the queue one submission at a time.
  const reviewing = () => {
    let i = 0;
    return loop(stopped, async () => {
      const review = reviews.find((r) => ['submitted', 'in_review'].includes(r.state));
      if (!review) return;
      i += 1;
      const path = `/submissions/items/${review.documentId}`;
      if (review.refresh) {
        const res = record(await call(baseUrl, 'review-read', 'GET', path, { token: reviewer.token }));
        if (res.status !== 200) return;
        const data = (res.body as { data: { version: number; state: string } }).data;
        Object.assign(review, { version: data.version, state: data.state, refresh: false });
        return;
      }
      const action = review.state === 'submitted' ? 'start_review' : i % 2 ? 'approve' : 'request_changes';
      const body =
        action === 'request_changes'
          ? { version: review.version, message: 'Please say more.', sectionComments: { impact: 'Figures?' } }
          : { version: review.version };
      const res = record(
        await call(baseUrl, 'action', 'POST', `${path}/actions/${action}`, { token: reviewer.token, body })
      );
      if (res.status === 200) {
        const data = (res.body as { data: { version: number; state: string } }).data;
        actionsAcked.push({ documentId: review.documentId, action, version: data.version });
        Object.assign(review, { version: data.version, state: data.state });
      } else {
        review.refresh = true;
      }
    });
  };

  const probes: Outcome[] = [];
  const probing = loop(
    stopped,
    async () => {
      probes.push(await call(baseUrl, 'ready', 'GET', '/_ready'));
      probes.push(await call(baseUrl, 'health', 'GET', '/_health'));
    },
    200
  );

  // Warm up (first requests compile and cache a lot), so the load starts at its pace.
  for (const path of [
    '/api/case-studies?populate[0]=topics',
    '/api/case-studies/search?q=children',
    '/case-studies',
  ])
    expect((await call(baseUrl, 'warm-up', 'GET', path)).status).toBe(200);

  const workers = [
    reader(0),
    reader(1),
    reader(2),
    officer(officers[0], drafts[0]),
    officer(officers[1], drafts[1]),
    reviewing(),
    probing,
  ];
  const loadStart = Date.now();
  await sleep(BEFORE_MS);
  const downAt = Date.now();
  proxy.down();
  await sleep(OUTAGE_MS);
  const upAt = Date.now();
  await proxy.up();
  await sleep(AFTER_MS);
  stop = true;
  await Promise.all(workers);
  const loadEnd = Date.now();

  // --- what the clients saw
  const before = outcomes.filter((o) => o.endedAt < downAt);
  const during = outcomes.filter((o) => o.startedAt >= downAt + 500 && o.endedAt < upAt);
  const recovered = outcomes.filter((o) => o.startedAt >= upAt + RECOVERY_MS);
  const firstOk = outcomes.filter((o) => o.startedAt >= upAt && o.status !== null && o.status < 400);
  const readyAgain = probes.find((p) => p.kind === 'ready' && p.startedAt >= upAt && p.status === 200);
  const summary = {
    requests: outcomes.length,
    loadSeconds: (loadEnd - loadStart) / 1000,
    before: tally(before),
    during: tally(during),
    duringSlowestMs: Math.max(...during.map((o) => o.endedAt - o.startedAt)),
    recovered: tally(recovered),
    firstSuccessAfterUpMs: firstOk.length ? Math.min(...firstOk.map((o) => o.endedAt)) - upAt : null,
    readyAgainAfterUpMs: readyAgain ? readyAgain.endedAt - upAt : null,
    acknowledged: { creates: createdAcked.length, actions: actionsAcked.length },
  };
  console.log(`database outage: ${JSON.stringify(summary)}`);

  // (counts are kept low: on a busy shared machine the load generator gets few requests through)
  expect(before.length).toBeGreaterThanOrEqual(3);
  expect(before.every((o) => o.status !== null && o.status < 400)).toBe(true);
  // During the outage: every request answered, quickly, with 503 in Strapi's error shape or as a page.
  expect(during.length).toBeGreaterThan(20);
  expect(during.filter((o) => o.status !== 503)).toEqual([]);
  expect(summary.duringSlowestMs).toBeLessThan(FAIL_FAST_MS);
  for (const o of during) {
    if (o.kind === 'page') expect(String(o.body)).toContain('Sorry, the service is unavailable');
    else
      expect(o.body).toMatchObject({ data: null, error: { status: 503, name: 'ServiceUnavailableError' } });
  }
  const duringProbes = probes.filter((o) => o.startedAt >= downAt + 500 && o.endedAt < upAt);
  expect(duringProbes.filter((p) => p.kind === 'ready').every((p) => p.status === 503)).toBe(true);
  expect(duringProbes.filter((p) => p.kind === 'health').every((p) => p.status === 204)).toBe(true);
  // After: back by itself, within seconds, and every request succeeds again.
  expect(summary.readyAgainAfterUpMs).not.toBeNull();
  expect(summary.readyAgainAfterUpMs!).toBeLessThan(RECOVERY_MS);
  expect(recovered.length).toBeGreaterThanOrEqual(3);
  expect(recovered.filter((o) => o.status === null || o.status >= 400)).toEqual([]);

  // --- what the database holds: every acknowledged write, and nothing half-applied
  for (const created of createdAcked) {
    expect(
      await app.strapi.db.query(SUBMISSION).findOne({ where: { documentId: created.documentId } })
    ).toMatchObject({
      title: created.title,
    });
  }
  for (const draft of drafts) {
    const row = await app.strapi.db.query(SUBMISSION).findOne({ where: { documentId: draft.documentId } });
    if (draft.unknown === 0) expect(row).toMatchObject({ version: draft.version, title: draft.title });
    else {
      expect(row.version).toBeGreaterThanOrEqual(draft.version);
      expect(row.version).toBeLessThanOrEqual(draft.version + draft.unknown);
    }
  }
  for (const acked of actionsAcked) {
    const row = await app.strapi.db.query(SUBMISSION).findOne({ where: { documentId: acked.documentId } });
    const events = await app.strapi.db.query(EVENT).findMany({
      where: { submission: row.id, action: acked.action, submissionVersion: acked.version },
    });
    expect(events).toHaveLength(1);
  }
  for (const review of reviews) {
    const row = await app.strapi.db.query(SUBMISSION).findOne({ where: { documentId: review.documentId } });
    const events = await app.strapi.db
      .query(EVENT)
      .findMany({ where: { submission: row.id }, orderBy: { submissionVersion: 'asc' } });
    // one event per state change, chained, ending in the current state; version = 1 + changes
    expect(row.version).toBe(1 + events.length);
    events.forEach((event: { fromState: string; toState: string }, k: number) => {
      if (k > 0) expect(event.fromState).toBe(events[k - 1].toState);
    });
    expect(events[events.length - 1].toState).toBe(row.state);
  }
  // each request for changes wrote its email in the same transaction
  const changeEvents = await app.strapi.db.query(EVENT).count({ where: { action: 'request_changes' } });
  expect(await app.strapi.db.query(OUTBOX).count({ where: { kind: 'request_changes' } })).toBe(changeEvents);
  // (enough acknowledged writes, before and after the outage, for the checks above to mean something)
  expect(actionsAcked.length).toBeGreaterThanOrEqual(3);
  expect(createdAcked.length).toBeGreaterThanOrEqual(2);
}, 150_000);

function tally(outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key = `${o.kind} ${o.status === null ? `error:${o.error}` : o.status}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
