import fc from 'fast-check';
import supertest from 'supertest';
import { startListeningApp, type ListeningApp } from '../helpers/browser';
import {
  bodyWith,
  draftFields,
  email,
  encode,
  formBody,
  graphql,
  json,
  rawJson,
  rawQuery,
  text,
  upload,
} from './fuzz-inputs';
import { createOfficer, csrfOf, PASSWORD } from '../site/council-helpers';
import { UPLOAD_TYPES } from '../../src/plugins/submissions/shared/upload-types';

/**
 * Property-based fuzzing of every write route and every public read, against a real Strapi: no input
 * may give a 5xx, write what it should not, or leave the process unhealthy. Seeded and bounded:
 * FUZZ_SEED (default below) and FUZZ_RUNS (inputs per route, default 1000). On a failure fast-check
 * prints the seed, the path and the failing input; rerun with FUZZ_SEED=<seed> to reproduce it.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const settings = { seed: SEED, numRuns: RUNS, endOnFailure: true };

let app: ListeningApp;
beforeAll(async () => {
  // Thousands of sign-ups and sign-ins from one address: lift the per-client limits for this file.
  app = await startListeningApp('security_fuzz', {
    AUTH_RATE_LIMIT_MAX: '100000',
    SITE_SIGNIN_MAX_FAILURES: '100000',
    SITE_SIGNIN_MAX_FAILURES_PER_IP: '100000',
  });
  // Strapi logs every malformed body it refuses at "error" level: thousands of lines here. A 5xx
  // still fails the test with its input and answer.
  app.strapi.log.level = process.env.TEST_LOG_LEVEL ?? 'fatal';
  console.info(`fuzz: seed ${SEED}, ${RUNS} inputs per route (FUZZ_SEED, FUZZ_RUNS)`);
}, 180_000); // booting Strapi on a busy shared machine can take more than the default minute
afterAll(async () => app?.close());

const http = () => supertest(app.baseUrl);
const db = (uid: string) => app.strapi.db.query(uid as never);
const SUBMISSION = 'plugin::submissions.submission';
const USER = 'plugin::users-permissions.user';

// ---- Helpers ----
/** Set when one route's property fails: the others stop sending (their inputs pass unsent). */
let stopped = false;
/** fc.asyncProperty, with every predicate skipped once another route has failed. */
function property<T extends unknown[]>(
  ...args: [
    ...arbitraries: { [K in keyof T]: fc.Arbitrary<T[K]> },
    predicate: (...values: T) => Promise<void>,
  ]
): fc.IAsyncProperty<T> {
  const predicate = args[args.length - 1] as (...values: T) => Promise<void>;
  const arbitraries = args.slice(0, -1);
  const asyncProperty = fc.asyncProperty as unknown as (...a: unknown[]) => fc.IAsyncProperty<T>;
  return asyncProperty(...arbitraries, async (...values: T) => {
    if (!stopped) await predicate(...values);
  });
}
const noServerError = (route: string, input: unknown, res: { status: number; text?: string }) => {
  if (res.status >= 500)
    throw new Error(
      `${route} answered ${res.status} to ${JSON.stringify(input)}: ${res.text?.slice(0, 300)}`
    );
};
async function officerToken(email: string): Promise<string> {
  await createOfficer(app.strapi, email);
  return (await http().post('/api/auth/local').send({ identifier: email, password: PASSWORD })).body.jwt;
}
const authed = (token: string) => ({
  post: (path: string) => http().post(path).set('Authorization', `Bearer ${token}`),
  put: (path: string) => http().put(path).set('Authorization', `Bearer ${token}`),
});
async function newDraft(token: string): Promise<{ id: string; version: number }> {
  const res = await authed(token).post('/api/submissions').send({ title: 'Fuzzed' });
  return res.body.data;
}
const stored = (documentId: string) =>
  db(SUBMISSION).findOne({
    where: { documentId },
    select: ['state', 'version', 'title', 'summary', 'answers', 'contact'],
    populate: { attachments: { select: ['id'] } },
  });
/** Sends any JSON value (or, for "RAW:..." strings, that text as if it were JSON). */
const sendJson = (req: supertest.Test, body: unknown) =>
  req
    .set('Content-Type', 'application/json')
    .send(typeof body === 'string' && body.startsWith('RAW:') ? body.slice(4) : (JSON.stringify(body) ?? ''));
// ---- The routes ----
async function fuzzCreate(token: string) {
  const author = await db(USER).findOne({ where: { email: 'fuzz.create@bristol.gov.uk' } });
  const count = () => db(SUBMISSION).count({ where: { author: author.id } });
  let expected = await count(); // rows grow by one for each 201, and only then
  await fc.assert(
    property(
      fc.oneof({ weight: 5, arbitrary: bodyWith(draftFields) }, { weight: 1, arbitrary: rawJson }),
      async (body) => {
        const res = await sendJson(authed(token).post('/api/submissions'), body);
        noServerError('POST /api/submissions', body, res);
        expected += res.status === 201 ? 1 : 0;
        expect(await count()).toBe(expected);
      }
    ),
    settings
  );
}

async function fuzzUpdate(token: string) {
  const draft = await newDraft(token);
  let before = await stored(draft.id);
  await fc.assert(
    property(
      bodyWith({ ...draftFields, version: fc.oneof(fc.constant('current'), fc.integer(), text) }),
      async (input) => {
        const body =
          input && typeof input === 'object' && (input as { version?: unknown }).version === 'current'
            ? { ...(input as object), version: before.version }
            : input;
        const res = await sendJson(authed(token).put(`/api/submissions/${draft.id}`), body);
        noServerError('PUT /api/submissions/:id', body, res);
        const after = await stored(draft.id);
        if (res.status === 200) expect(after.version).toBe(before.version + 1);
        else expect(after).toEqual(before);
        before = after;
      }
    ),
    settings
  );
}

async function fuzzActions(token: string) {
  let draft = await newDraft(token);
  let before = await stored(draft.id);
  const action = fc.oneof(
    fc.constantFrom('submit', 'withdraw', 'publish', 'approve', 'start_review', 'archive'),
    text.filter((t) => t.length > 0)
  );
  await fc.assert(
    property(
      action,
      bodyWith({
        version: fc.oneof(fc.constant('current'), fc.integer(), text),
        message: text,
        sectionComments: json,
      }),
      async (name, input) => {
        const body =
          input && typeof input === 'object' && (input as { version?: unknown }).version === 'current'
            ? { ...(input as object), version: before.version }
            : input;
        const res = await sendJson(
          authed(token).post(`/api/submissions/${draft.id}/actions/${encode(name)}`),
          body
        );
        noServerError('POST /api/submissions/:id/actions/:action', { name, body }, res);
        const after = await stored(draft.id);
        if (res.status === 200) {
          expect(['submit', 'withdraw']).toContain(name);
          expect(after.version).toBe(before.version + 1);
          draft = await newDraft(token); // it left the draft state: carry on with a new one
          before = await stored(draft.id);
        } else {
          expect(after).toEqual(before);
          before = after;
        }
      }
    ),
    settings
  );
}

async function fuzzAttachments(token: string) {
  let draft = await newDraft(token);
  const allowed = new Set<string>(UPLOAD_TYPES.map((t) => t.mime));
  const extensions = new Set<string>(UPLOAD_TYPES.map((t) => t.ext));
  // Attachments are private until publication: count them on the submissions, not in the media library.
  const stored = async () =>
    (
      await app.strapi.db.query('plugin::submissions.submission').findMany({ select: ['attachments'] })
    ).reduce((n: number, row: { attachments?: unknown[] | null }) => n + (row.attachments?.length ?? 0), 0);
  const media = await db('plugin::upload.file').count();
  let files = await stored();
  await fc.assert(
    property(upload, async (file) => {
      const res = await authed(token)
        .post(`/api/submissions/${draft.id}/attachments`)
        .attach(file.field, file.content, { filename: file.filename, contentType: file.type });
      noServerError(
        'POST /api/submissions/:id/attachments',
        { ...file, content: file.content.toString('base64') },
        res
      );
      files += res.status === 201 ? 1 : 0;
      expect(await stored()).toBe(files);
      expect(await db('plugin::upload.file').count()).toBe(media);
      if (res.status === 201) {
        const attachment = res.body.data.attachments.at(-1);
        expect(allowed.has(attachment.mime)).toBe(true);
        expect(extensions.has(attachment.name.slice(attachment.name.lastIndexOf('.')))).toBe(true);
        if (res.body.data.attachments.length >= 9) draft = await newDraft(token);
      }
    }),
    settings
  );
}

async function fuzzSignUp() {
  const count = () => db(USER).count();
  let expected = await count();
  await fc.assert(
    property(
      bodyWith({
        username: fc.oneof(text, email),
        email,
        password: fc.oneof(text, fc.constant(PASSWORD)),
        council: json,
        role: json,
        confirmed: json,
      }),
      async (body) => {
        const res = await sendJson(http().post('/api/auth/local/register'), body);
        noServerError('POST /api/auth/local/register', body, res);
        expected += res.status === 200 ? 1 : 0;
        expect(await count()).toBe(expected);
      }
    ),
    settings
  );
  // Whatever got through belongs to the council of its real domain.
  expect(await app.strapi.plugin('submissions').service('accountAudit').findMismatched()).toEqual([]);
}

async function siteForm(path: string) {
  const browser = supertest.agent(app.baseUrl);
  const page = await browser.get(path);
  return { browser, csrf: csrfOf(page.text) };
}
async function fuzzSiteSignIn() {
  const { browser, csrf } = await siteForm('/submit/sign-in');
  await fc.assert(
    property(
      formBody({ email, password: fc.oneof(text, fc.constant(PASSWORD)) }),
      async ([fields, extra, withCsrf]) => {
        const body = { ...extra, ...fields, ...(withCsrf ? { _csrf: csrf } : {}) };
        const res = await browser.post('/submit/sign-in').type('form').send(body);
        noServerError('POST /submit/sign-in', body, res);
      }
    ),
    settings
  );
}

async function fuzzSiteCreateAccount() {
  const { browser, csrf } = await siteForm('/submit/create-account');
  const count = () => db(USER).count();
  let expected = await count();
  await fc.assert(
    property(
      formBody({
        email,
        password: fc.oneof(text, fc.constant(PASSWORD)),
        confirmPassword: fc.oneof(text, fc.constant(PASSWORD)),
      }),
      async ([fields, extra, withCsrf]) => {
        const body = { ...extra, ...fields, ...(withCsrf ? { _csrf: csrf } : {}) };
        const res = await browser.post('/submit/create-account').type('form').send(body);
        noServerError('POST /submit/create-account', body, res);
        const created = res.status === 200 && res.text.includes('Check your email');
        expected += created ? 1 : 0;
        expect(await count()).toBe(expected);
      }
    ),
    settings
  );
}

async function fuzzSiteQuestion(token: string, officerEmail: string) {
  const draft = await newDraft(token);
  const { browser } = await siteForm('/submit/sign-in');
  const form = await browser.get('/submit/sign-in');
  await browser
    .post('/submit/sign-in')
    .type('form')
    .send({ _csrf: csrfOf(form.text), email: officerEmail, password: PASSWORD })
    .expect(302);
  const csrf = csrfOf((await browser.get(`/submit/submissions/${draft.id}/title`).expect(200)).text);
  let before = await stored(draft.id);
  const step = fc.oneof(
    fc.constantFrom(
      'title',
      'summary',
      'topics',
      'support-types',
      'challenge',
      'contact',
      'check',
      'withdraw'
    ),
    text.filter((t) => t.length > 0)
  );
  await fc.assert(
    property(
      step,
      formBody({
        title: text,
        summary: text,
        answer: text,
        topics: fc.oneof(text, fc.array(text)),
        name: text,
        role: text,
        email,
      }),
      async (slug, [fields, extra, withCsrf]) => {
        const body = { ...extra, ...fields, ...(withCsrf ? { _csrf: csrf } : {}) };
        const res = await browser
          .post(`/submit/submissions/${draft.id}/${encode(slug)}`)
          .type('form')
          .send(body);
        noServerError('POST /submit/submissions/:id/:step', { slug, body }, res);
        const after = await stored(draft.id);
        if (res.status !== 302) expect(after).toEqual(before);
        before = after;
      }
    ),
    settings
  );
}

async function fuzzGet(route: string, path: (query: string) => string) {
  await fc.assert(
    property(rawQuery, async (query) => {
      const res = await http().get(path(query));
      noServerError(route, query, res);
    }),
    settings
  );
}

async function fuzzGraphql() {
  await fc.assert(
    property(graphql, async (body) => {
      const res = await sendJson(http().post('/graphql'), body);
      noServerError('POST /graphql', body, res);
    }),
    settings
  );
}

it(`survives ${RUNS} hostile inputs on every write route and public read, writing nothing it should not`, async () => {
  const started = Date.now();
  const timed = async (name: string, run: () => Promise<void>) => {
    const t = Date.now();
    try {
      await run();
    } catch (error) {
      stopped = true;
      throw error;
    }
    return `${name} ${((Date.now() - t) / 1000).toFixed(1)} s`;
  };
  // The routes run side by side (each one's own inputs in sequence); the two that create accounts
  // run one after the other, as each counts all accounts.
  // Accounts first: the sign-up properties count every account.
  const token: Record<string, string> = {};
  for (const name of ['create', 'update', 'actions', 'files', 'site'])
    token[name] = await officerToken(`fuzz.${name}@bristol.gov.uk`);
  const results = await Promise.allSettled([
    timed('create', () => fuzzCreate(token.create)),
    timed('update', () => fuzzUpdate(token.update)),
    timed('actions', () => fuzzActions(token.actions)),
    timed('attachments', () => fuzzAttachments(token.files)),
    (async () =>
      [await timed('sign-up', fuzzSignUp), await timed('site create-account', fuzzSiteCreateAccount)].join(
        ', '
      ))(),
    timed('site sign-in', fuzzSiteSignIn),
    timed('site question page', () => fuzzSiteQuestion(token.site, 'fuzz.site@bristol.gov.uk')),
    timed('REST', () => fuzzGet('GET /api/case-studies', (q) => `/api/case-studies?${q}`)),
    timed('search', () => fuzzGet('GET /api/case-studies/search', (q) => `/api/case-studies/search?${q}`)),
    timed('GraphQL', fuzzGraphql),
  ]);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  const times = results.map((r) => (r as PromiseFulfilledResult<string>).value);
  console.info(
    `fuzz: 11 routes × ${RUNS} inputs in ${((Date.now() - started) / 1000).toFixed(1)} s (${times.join('; ')})`
  );

  // And the process is healthy at the end.
  expect((await http().get('/_health')).status).toBe(204);
  expect((await http().get('/api/case-studies?pagination[pageSize]=1')).status).toBe(200);
}, 900_000);
