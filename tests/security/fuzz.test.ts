import fc from 'fast-check';
import supertest from 'supertest';
import { startListeningApp, type ListeningApp } from '../helpers/browser';
import {
  compoundFile,
  docx,
  HTML,
  JPEG,
  openDocument,
  PDF,
  PNG,
  PNG_THEN_HTML,
  SVG,
  TEXT,
} from '../helpers/office-files';
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

// ---- Inputs: hostile text, JSON, query strings, files ----
const SPECIAL = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  '\u0007\u001b[31m',
  'a\ud800b',
  '\udfff',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE submissions_submissions; --",
  '%00',
  '%',
  '%E0%A4%A',
  '../../../../etc/passwd',
  '${7*7}{{7*7}}',
  '__proto__',
  'constructor',
  'true',
  'null',
  '-1',
  '1e309',
  '9'.repeat(40),
  'x'.repeat(5001),
  '\u202e\u2066',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 📚',
  '"x@bristol.gov.uk@x"@evil.com',
  'ann@bristol.gov.uk',
];
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      maxLength: 12,
    }),
  },
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL) }
);
const key = fc.oneof(
  text,
  fc.constantFrom('$eq', '$or', '$and', '$not', '$containsi', '$in', '$null', '__proto__', 'populate', '*')
);
const json: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 })
  ),
})).value;
/** A body with some of the route's own fields, hostile values, and stray keys. */
const bodyWith = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record(fields, { requiredKeys: [] }) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.record(fields, { requiredKeys: [] }), fc.dictionary(key, json, { maxKeys: 3 }))
        .map(([a, b]) => ({ ...b, ...a })),
    },
    { weight: 1, arbitrary: json }
  );
const ids = fc.array(fc.oneof(text, fc.integer()), { maxLength: 4 });
const answers = fc.dictionary(
  fc.oneof(fc.constantFrom('challenge', 'solution', 'impact', 'lessons', 'costs'), text),
  fc.oneof(text, json),
  { maxKeys: 4 }
);
const draftFields = {
  title: fc.oneof(text, json),
  summary: fc.oneof(text, json),
  answers: fc.oneof(answers, json),
  topics: fc.oneof(ids, json),
  supportTypes: fc.oneof(ids, json),
  contact: fc.oneof(fc.record({ name: text, role: text, email: text }, { requiredKeys: [] }), json),
};
const email = fc.oneof(
  fc.constantFrom(...SPECIAL),
  text,
  fc
    .tuple(
      fc.string({ minLength: 1, maxLength: 10 }),
      fc.constantFrom(
        'bristol.gov.uk',
        'calderdale.gov.uk',
        'evil.com',
        'BRISTOL.GOV.UK',
        '[127.0.0.1]',
        'bristol.gov.uk@evil.com'
      )
    )
    .map(([l, d]) => `${l}@${d}`)
);

/** Percent-encoded; a lone surrogate (which encodeURIComponent refuses) goes as its UTF-8 bytes. */
const encode = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
};
/** A query string: known and unknown parameters, bracketed keys, operators, hostile values. */
const param = fc.oneof(
  fc.constantFrom(
    'populate',
    'filters',
    'sort',
    'pagination',
    'fields',
    'status',
    'locale',
    'q',
    'topics',
    'page',
    'pageSize',
    'from',
    'to',
    'region',
    'councils',
    'supportTypes'
  ),
  text
);
const segment = fc.oneof(
  fc.constantFrom(
    'relatedCaseStudies',
    'topics',
    'councils',
    'title',
    'slug',
    'summary',
    'populate',
    'filters',
    'on',
    '$eq',
    '$containsi',
    '$or',
    '$and',
    '$not',
    '$in',
    '$null',
    '$between',
    '0',
    '1',
    '*',
    'page',
    'pageSize',
    'limit',
    'start'
  ),
  text
);
const queryString = fc
  .array(
    fc.tuple(
      param,
      fc.array(segment, { maxLength: 12 }),
      fc.oneof(
        text,
        fc.constantFrom(
          '*',
          'true',
          'false',
          '-1',
          '100',
          '101',
          'title:asc',
          'relatedCaseStudies.relatedCaseStudies'
        )
      )
    ),
    { maxLength: 6 }
  )
  .map((parts) =>
    parts
      .map(([name, path, value]) => {
        const k = encode(name) + path.map((s) => `[${encode(s)}]`).join('');
        return `${k}=${encode(value)}`;
      })
      .join('&')
  );
const rawQuery = fc.oneof(
  queryString,
  fc.string({ maxLength: 60 }).map((s) => s.replace(/[#\s]/g, ''))
);

const validFiles: [string, Buffer][] = [
  ['pdf', PDF],
  ['png', PNG],
  ['jpg', JPEG],
  ['txt', TEXT],
  ['docx', docx()],
  ['odt', openDocument('text')],
  ['doc', compoundFile(['WordDocument'])],
  ['html', HTML],
  ['svg', SVG],
  ['png', PNG_THEN_HTML],
];
const upload = fc.record({
  content: fc.oneof(
    fc.constantFrom(...validFiles.map(([, b]) => b)),
    fc.uint8Array({ maxLength: 600 }).map((a) => Buffer.from(a)),
    text.map((t) => Buffer.from(t))
  ),
  filename: fc.oneof(
    fc.constantFrom(
      'report.pdf',
      'evil.js',
      'page.html',
      'logo.svg',
      'a.PNG',
      'x',
      '.htaccess',
      '../../x.txt',
      'nul\u0000.txt',
      'long'.repeat(80) + '.pdf'
    ),
    text.filter((t) => t.length > 0 && !/["\r\n\\]/.test(t))
  ),
  type: fc.oneof(
    fc.constantFrom(
      'text/plain',
      'text/html',
      'image/svg+xml',
      'image/png',
      'application/pdf',
      'application/octet-stream',
      'application/javascript'
    ),
    fc.stringMatching(/^[a-z]{1,8}\/[a-z0-9.+-]{1,12}$/)
  ),
  field: fc.constantFrom('file', 'file', 'file', 'files', 'other'),
});

// ---- Helpers ----
/** Set when one route's property fails: the others stop sending (their inputs pass unsent). */
let stopped = false;
/** fc.asyncProperty, with every predicate skipped once another route has failed. */
const property = <T extends unknown[]>(
  ...args: [
    ...arbitraries: { [K in keyof T]: fc.Arbitrary<T[K]> },
    predicate: (...values: T) => Promise<void>,
  ]
) => {
  const predicate = args.pop() as (...values: T) => Promise<void>;
  const arbitraries = args as unknown as { [K in keyof T]: fc.Arbitrary<T[K]> };
  return fc.asyncProperty(...arbitraries, async (...values: T) => {
    if (!stopped) await predicate(...values);
  });
};
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
const rawJson = fc.oneof(
  json,
  fc.string({ maxLength: 30 }).map((s) => `RAW:${s}`)
);

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
  let files = await db('plugin::upload.file').count();
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
      expect(await db('plugin::upload.file').count()).toBe(files);
      if (res.status === 201) {
        const stored = res.body.data.attachments.at(-1);
        expect(allowed.has(stored.mime)).toBe(true);
        expect(extensions.has(stored.url.slice(stored.url.lastIndexOf('.')))).toBe(true);
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
const formBody = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.tuple(fc.record(fields, { requiredKeys: [] }), fc.dictionary(text, text, { maxKeys: 2 }), fc.boolean());

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

const gqlField = fc.constantFrom(
  'title',
  'slug',
  'summary',
  'documentId',
  'publicationDate',
  'topics { name }',
  'councils { name region }',
  'relatedCaseStudies { title }',
  'nope',
  '__typename'
);
const gqlArgs = fc.record(
  {
    filters: fc.oneof(json, fc.constant({ title: { containsi: 'a' } })),
    pagination: fc.oneof(
      json,
      fc.record(
        { page: fc.integer(), pageSize: fc.integer(), limit: fc.integer(), start: fc.integer() },
        { requiredKeys: [] }
      )
    ),
    sort: fc.oneof(text, fc.array(text, { maxLength: 2 })),
    status: fc.constantFrom('DRAFT', 'PUBLISHED', 'x'),
  },
  { requiredKeys: [] }
);
const graphql = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.constantFrom(
          'caseStudies',
          'caseStudies_connection',
          'topics',
          'councils',
          'supportTypes',
          'caseStudy',
          'usersPermissionsUsers',
          'uploadFiles',
          'me'
        ),
        fc.array(gqlField, { minLength: 1, maxLength: 4 }),
        gqlArgs,
        fc.integer({ min: 0, max: 9 })
      )
      .map(([root, fields, args, depth]) => {
        const nested = Array.from({ length: depth }).reduce<string>(
          (inner) => `relatedCaseStudies { title ${inner} }`,
          ''
        );
        const argText = JSON.stringify(args).replace(/"([A-Za-z_]\w*)":/g, '$1:');
        const selection = root.endsWith('connection')
          ? 'nodes { title } pageInfo { total }'
          : fields.join(' ');
        const query = `{ ${root}${root === 'me' ? '' : `(${argText.slice(1, -1)})`} { ${selection} ${root === 'caseStudies' ? nested : ''} } }`;
        return { query, variables: { v: args } };
      }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ query: text, variables: json, operationName: text }, { requiredKeys: [] }),
  },
  { weight: 1, arbitrary: json }
);
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
