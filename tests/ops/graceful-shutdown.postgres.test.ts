import http from 'http';
import net from 'net';
import { freePort, startTestApp, type TestApp } from '../helpers/strapi';
import { startSmtpServer, type SmtpServer } from '../helpers/smtp';
import { completeAnswers, councilOfficer, editor, topicIds, type Caller } from '../submissions/world';
import { call, sleep, type Outcome } from './support/http-client';
import { startStrapiProcess, type StrapiProcess } from './support/strapi-process';

/**
 * SIGTERM to a real `strapi start` process in the middle of a burst of submissions (each writes two
 * emails to the outbox, sent after commit to a deliberately slow SMTP server). A second process (this
 * test's own Strapi, on the same PostgreSQL) sends whatever the stopped one left. PostgreSQL only:
 * several processes sharing one database is the PostgreSQL deployment (README: Past one machine).
 */
const OUTBOX = 'plugin::submissions.outbox-message';

let app: TestApp;
let smtp: SmtpServer;
let child: StrapiProcess | undefined;

beforeAll(async () => {
  smtp = await startSmtpServer({ acceptDelayMs: 400 });
  app = await startTestApp('shutdown', smtp.env);
}, 120_000);
afterAll(async () => {
  await child?.kill();
  await app?.close();
  await smtp?.close();
});

/** A multipart upload whose body trickles in over `ms`: a request surely in flight at SIGTERM. */
function slowUpload(baseUrl: string, token: string, documentId: string, ms: number): Promise<Outcome> {
  const boundary = 'shutdown-test-boundary';
  const lines = Array.from({ length: 10 }, (_, i) => `Line ${i} of the evaluation notes.\n`.repeat(50));
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="notes.txt"\r\nContent-Type: text/plain\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  const length = Buffer.byteLength(head) + Buffer.byteLength(lines.join('')) + Buffer.byteLength(tail);
  const startedAt = Date.now();
  return new Promise((resolve) => {
    const req = http.request(`${baseUrl}/api/submissions/${documentId}/attachments`, {
      method: 'POST',
      agent: false,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': length,
      },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () =>
        resolve({ kind: 'slow-upload', startedAt, endedAt: Date.now(), status: res.statusCode ?? null })
      );
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({
        kind: 'slow-upload',
        startedAt,
        endedAt: Date.now(),
        status: null,
        error: error.code ?? error.message,
      })
    );
    req.write(head);
    lines.forEach((line, i) => setTimeout(() => req.write(line), ((i + 1) * ms) / (lines.length + 1)));
    setTimeout(() => req.end(tail), ms);
  });
}

const refused = (port: number) =>
  new Promise<string>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('connect', () => (socket.destroy(), resolve('connected')));
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });

it('on SIGTERM finishes every request in flight, sends every email once, releases its claims and exits 0', async () => {
  const officers: Caller[] = [
    await councilOfficer(app, 'alice@bristol.gov.uk'),
    await councilOfficer(app, 'bea@calderdale.gov.uk'),
  ];
  await editor(app, 'rita.reviewer@lga.test', 'Reviewer'); // hears of every submission
  const topics = await topicIds(app, 'children-and-young-people');
  const drafts: Array<{ who: Caller; id: string; title: string }> = [];
  for (let i = 0; i < 20; i++) {
    const who = officers[i % 2];
    const title = `Shutdown burst ${i}`;
    const res = await who.post('/api/submissions', { ...completeAnswers(topics), title });
    expect(res.status).toBe(201);
    drafts.push({ who, id: res.body.data.id, title });
  }
  const uploadTarget = (await officers[0].post('/api/submissions', { title: 'Slow upload' })).body.data.id;

  const port = await freePort();
  child = await startStrapiProcess(
    {
      // the database, secrets and SMTP settings are those startTestApp put in this process's environment
      LOG_FORMAT: 'json',
      SHUTDOWN_DELAY_MS: '1000',
      SHUTDOWN_GRACE_MS: '15000',
      SEED_SAMPLE_DATA: 'false',
    },
    port
  );
  const outcomes: Outcome[] = [];
  // The load balancer: polls readiness and stops sending new requests once it answers 503.
  let balancerStopped = false;
  const balancer = (async () => {
    while (!balancerStopped) {
      const ready = await call(child!.baseUrl, 'ready', 'GET', '/_ready', { timeoutMs: 2000 });
      if (ready.status !== 200) balancerStopped = true;
      else await sleep(100);
    }
  })();

  let next = 0;
  const worker = async () => {
    while (!balancerStopped && next < drafts.length) {
      const draft = drafts[next++];
      const submit = await call(
        child!.baseUrl,
        'submit',
        'POST',
        `/api/submissions/${draft.id}/actions/submit`,
        {
          token: draft.who.token,
          body: { version: 1 },
        }
      );
      outcomes.push(submit);
      if (!balancerStopped) outcomes.push(await call(child!.baseUrl, 'read', 'GET', '/api/case-studies'));
    }
  };
  const upload = slowUpload(child.baseUrl, officers[0].token!, uploadTarget, 3000);
  const workers = [worker(), worker(), worker(), worker()];
  await sleep(1500);
  const sigtermAt = Date.now();
  child.signal('SIGTERM');
  const exit = await child.exited;
  const exitedAt = Date.now();
  await Promise.all([...workers, balancer]);
  outcomes.push(await upload);

  const inFlight = outcomes.filter((o) => o.startedAt < sigtermAt && o.endedAt > sigtermAt);
  const afterSignal = outcomes.filter((o) => o.startedAt >= sigtermAt);
  const acked = outcomes.filter((o) => o.kind === 'submit' && o.status === 200).length;
  const leftPending = await app.strapi.db
    .query(OUTBOX)
    .count({ where: { status: 'pending', kind: 'submit' } });
  const notJson = child.lines.filter((line) => !line.startsWith('{'));
  const logs = child.lines
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { message: string; requestId?: string; level: string });
  const summary = {
    requests: outcomes.length,
    inFlightAtSigterm: inFlight.map((o) => `${o.kind} ${o.status ?? o.error}`),
    startedAfterSigterm: afterSignal.map((o) => `${o.kind} ${o.status ?? o.error}`),
    exit,
    exitMsAfterSigterm: exitedAt - sigtermAt,
    submitsAcknowledged: acked,
    emailsLeftPendingForAnotherProcess: leftPending,
    shutdownLog: logs
      .filter((l) => /shutting down|requests answered|released|Grace/.test(l.message))
      .map((l) => l.message),
  };
  console.log(`graceful shutdown: ${JSON.stringify(summary)}`);

  expect(exit).toEqual({ code: 0, signal: null });
  expect(outcomes.filter((o) => o.status === null)).toEqual([]); // no reset, no refusal: every request answered
  expect(outcomes.filter((o) => o.status! >= 300)).toEqual([]);
  expect(inFlight.length).toBeGreaterThanOrEqual(1);
  expect(inFlight.some((o) => o.kind === 'slow-upload')).toBe(true);
  expect(await refused(port)).toBe('ECONNREFUSED');
  // every line the logger wrote is JSON; every access line has its request id
  expect(notJson).toEqual([]);
  expect(logs.filter((l) => l.level === 'http').every((l) => typeof l.requestId === 'string')).toBe(true);

  // The claims it held are released: what it left pending is free to send at once.
  const outbox = app.strapi.db.query(OUTBOX);
  const held = await outbox.findMany({ where: { status: 'pending', claimedUntil: { $gt: new Date() } } });
  expect(held).toEqual([]);
  // This process sends the rest (as its cron job would), and then each message has gone exactly once.
  const service = app.strapi.plugin('submissions').service('outbox');
  for (let i = 0; i < 20 && (await outbox.count({ where: { status: 'pending', kind: 'submit' } })) > 0; i++) {
    await service.sendDue(100);
    await service.drain();
  }
  const rows = await outbox.findMany({ where: { kind: 'submit' } });
  expect(rows).toHaveLength(acked * 2);
  expect(rows.every((r: { status: string }) => r.status === 'sent')).toBe(true);
  await sleep(500);
  for (const row of rows as Array<{ to: string; subject: string }>) {
    const copies = smtp.received.filter((m) => m.subject === row.subject && m.to.join(', ') === row.to);
    expect({ subject: row.subject, copies: copies.length }).toEqual({ subject: row.subject, copies: 1 });
  }
  expect(
    smtp.received.filter((m) => /received your case study|New case study to review/.test(m.subject))
  ).toHaveLength(acked * 2);
}, 240_000);
