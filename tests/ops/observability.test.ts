import { startTestApp, type TestApp } from '../helpers/strapi';
import { startSmtpServer, type SmtpServer } from '../helpers/smtp';
import { captureLogs } from '../helpers/log-capture';

const METRICS_TOKEN = 'metrics-token-for-tests';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const OUTBOX = 'plugin::submissions.outbox-message';

let app: TestApp;
let smtp: SmtpServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp('observability', {
    ...smtp.env,
    METRICS_TOKEN,
    LOG_FORMAT: 'json',
    // As behind a proxy we trust: its request ids are kept.
    TRUST_REQUEST_ID: 'true',
  });
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

const metricsText = async () => {
  const res = await app.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
  expect(res.status).toBe(200);
  return res.text;
};
const seriesOf = (text: string, name: string) => text.split('\n').filter((l) => l.startsWith(`${name}{`));

describe('request ids', () => {
  it('gives every response an id, new unless a trusted proxy sent a sane one', async () => {
    const fresh = await app.http().get('/api/topics');
    expect(fresh.headers['x-request-id']).toMatch(UUID);
    const kept = await app.http().get('/api/topics').set('X-Request-Id', 'lb-4f2a.19:7');
    expect(kept.headers['x-request-id']).toBe('lb-4f2a.19:7');
    for (const insane of ['x'.repeat(129), 'two words', 'café', '<script>']) {
      const res = await app.http().get('/api/topics').set('X-Request-Id', insane);
      expect(res.headers['x-request-id']).toMatch(UUID);
    }
    // an error answer carries it too
    const notFound = await app.http().get('/api/no-such-thing');
    expect(notFound.status).toBe(404);
    expect(notFound.headers['x-request-id']).toMatch(UUID);
  });
});

describe('JSON logs (LOG_FORMAT=json)', () => {
  it('writes one JSON object a line; the access line has the request id, route and status, never the query', async () => {
    const logs = captureLogs(app.strapi);
    const topics = await app.http().get('/api/topics?filters[slug][$eq]=secret-looking-query');
    const bad = await app
      .http()
      .post('/api/auth/local')
      .send({ identifier: 'nobody@example.org', password: 'x' });
    logs.stop();
    expect(logs.lines.length).toBeGreaterThanOrEqual(2);
    const entries = logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const entry of entries)
      expect(entry).toEqual(
        expect.objectContaining({ level: expect.any(String), timestamp: expect.any(String) })
      );
    const access = entries.find((e) => e.path === '/api/topics');
    expect(access).toMatchObject({
      level: 'http',
      requestId: topics.headers['x-request-id'],
      method: 'GET',
      route: '/api/topics',
      status: 200,
      durationMs: expect.any(Number),
    });
    expect(JSON.stringify(entries)).not.toContain('secret-looking-query');
    expect(entries.find((e) => e.path === '/api/auth/local')).toMatchObject({
      requestId: bad.headers['x-request-id'],
      status: 400,
    });
  });
});

describe('metrics (/metrics, METRICS_TOKEN)', () => {
  it('refuses a missing or wrong token', async () => {
    expect((await app.http().get('/metrics')).status).toBe(401);
    expect((await app.http().get('/metrics').set('Authorization', 'Bearer wrong')).status).toBe(401);
    expect((await app.http().get('/metrics').set('Authorization', METRICS_TOKEN)).status).toBe(401);
  });

  it('counts requests by route pattern, never by raw URL, so the series stay bounded', async () => {
    const [first] = (await app.http().get('/api/case-studies')).body.data;
    for (let i = 0; i < 20; i++) {
      await app.http().get(`/api/case-studies/${first.documentId}`);
      await app.http().get(`/api/case-studies/nosuch${i}x`);
      await app.http().get(`/nowhere-${i}/${Math.random()}`);
    }
    const text = await metricsText();
    const requests = seriesOf(text, 'http_requests_total');
    expect(requests.join('\n')).not.toMatch(/nosuch|nowhere|0\.\d{5}/);
    expect(requests).toContainEqual(
      expect.stringMatching(
        /^http_requests_total\{method="GET",route="\/api\/case-studies\/:id",status="200"\} (2\d|[3-9]\d)/
      )
    );
    expect(requests).toContainEqual(
      expect.stringMatching(
        /^http_requests_total\{method="GET",route="\/api\/case-studies\/:id",status="404"\} 20/
      )
    );
    // the unknown paths share a label or two (a catch-all pattern, or "(not found)")
    const otherNotFound = requests
      .filter((l) => l.includes('status="404"') && !l.includes('/api/case-studies/:id'))
      .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
    expect(otherNotFound).toBeGreaterThanOrEqual(20);
    const routes = new Set(requests.map((l) => /route="([^"]*)"/.exec(l)![1]));
    expect(routes.size).toBeLessThan(15);
    expect(text).toMatch(
      /^http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/case-studies\/:id"\}/m
    );
  });

  it('reports search latency, the outbox, email failures, the event loop and memory', async () => {
    expect((await app.http().get('/api/case-studies/search?q=children')).status).toBe(200);
    const text = await metricsText();
    expect(text).toMatch(
      /^search_request_duration_seconds_count\{route="\/api\/case-studies\/search"\} [1-9]/m
    );
    expect(text).toMatch(/^outbox_messages\{status="pending"\} \d+/m);
    expect(text).toMatch(/^outbox_messages\{status="failed"\} \d+/m);
    expect(text).toMatch(/^email_sends_failed_total \d+/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('counts a failed email send, and the backlog follows the outbox table', async () => {
    const outbox = app.strapi.plugin('submissions').service('outbox');
    const before = Number(/^email_sends_failed_total (\d+)/m.exec(await metricsText())![1]);
    smtp.failNext(1);
    const id = await outbox.enqueue({
      to: ['metrics@bristol.gov.uk'],
      subject: 'Metrics',
      text: 'x',
      kind: 'test',
    });
    await outbox.sendOne(id);
    const pending = await app.strapi.db.query(OUTBOX).count({ where: { status: 'pending' } });
    const text = await metricsText();
    expect(Number(/^email_sends_failed_total (\d+)/m.exec(text)![1])).toBe(before + 1);
    expect(text).toMatch(new RegExp(`^outbox_messages\\{status="pending"\\} ${pending}$`, 'm'));
  });

  it('answers 404, as if absent, while METRICS_TOKEN is unset', async () => {
    app.strapi.config.set('operations.metrics.token', '');
    try {
      const res = await app.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
      expect(res.status).toBe(404);
    } finally {
      app.strapi.config.set('operations.metrics.token', METRICS_TOKEN);
    }
  });
});

describe('health', () => {
  it('keeps /_health as liveness and answers /_ready with the database check', async () => {
    expect((await app.http().get('/_health')).status).toBe(204);
    const ready = await app.http().get('/_ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { database: 'up' } });
    expect(ready.headers['cache-control']).toBe('no-store');
  });
});

describe('the outbox timer on Strapi cron', () => {
  it('is a named cron job whose run retries a failed email', async () => {
    const job = app.strapi.cron.jobs.find((j: { name: string | null }) => j.name === 'submissions-outbox');
    expect(job).toBeDefined();
    const outbox = app.strapi.plugin('submissions').service('outbox');
    smtp.failNext(1);
    const id = await outbox.enqueue({
      to: ['cron@bristol.gov.uk'],
      subject: 'Cron retry',
      text: 'x',
      kind: 'test',
    });
    await outbox.sendOne(id);
    expect(await app.strapi.db.query(OUTBOX).findOne({ where: { id } })).toMatchObject({
      status: 'pending',
      attempts: 1,
    });
    await app.strapi.db
      .query(OUTBOX)
      .update({ where: { id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    await job!.job.invoke();
    await outbox.drain();
    expect(await app.strapi.db.query(OUTBOX).findOne({ where: { id } })).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
    await smtp.waitFor('cron@bristol.gov.uk', /Cron retry/);
  });

  it('on shutdown, stops claiming and releases the claims it holds (sends under way keep theirs)', async () => {
    const outbox = app.strapi.plugin('submissions').service('outbox');
    const id = await outbox.enqueue({
      to: ['release@bristol.gov.uk'],
      subject: 'Release',
      text: 'x',
      kind: 'test',
    });
    expect(await outbox.claim(id)).toBe(true);
    expect((await app.strapi.db.query(OUTBOX).findOne({ where: { id } })).claimedUntil).not.toBeNull();
    const result = await outbox.shutdown(1000);
    expect(result).toEqual({ released: 1, stillSending: 0 });
    expect(await app.strapi.db.query(OUTBOX).findOne({ where: { id } })).toMatchObject({
      status: 'pending',
      claimedUntil: null,
    });
    expect(await outbox.claim(id)).toBe(false); // stopped: another process sends it
  });
});
