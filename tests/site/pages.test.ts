import type { IncomingMessage } from 'http';
import supertest from 'supertest';
import { startListeningApp, type ListeningApp } from '../helpers/browser';
import { createOfficer, csrfOf, expectedSlugs, listedSlugs, PASSWORD, sample } from './council-helpers';

let app: ListeningApp;

beforeAll(async () => {
  app = await startListeningApp('site-pages', { SITE_SIGNIN_MAX_FAILURES: '3' });
  await createOfficer(app.strapi, 'ann@bristol.gov.uk');
  await createOfficer(app.strapi, 'bob@calderdale.gov.uk');
  await createOfficer(app.strapi, 'carol@calderdale.gov.uk');
});
afterAll(async () => app?.close());

const agent = () => supertest.agent(app.baseUrl);

async function signedIn(email: string) {
  const a = agent();
  const form = await a.get('/submit/sign-in').expect(200);
  await a
    .post('/submit/sign-in')
    .type('form')
    .send({ _csrf: csrfOf(form.text), email, password: PASSWORD })
    .expect(302)
    .expect('Location', '/submit/submissions');
  return a;
}

/** A draft is created by its first save: here, of the optional support types, left blank. */
async function newDraft(a: supertest.Agent): Promise<string> {
  const page = await a.get('/submit/submissions/new/support-types').expect(200);
  const res = await a
    .post('/submit/submissions/new/support-types')
    .type('form')
    .send({ _csrf: csrfOf(page.text) })
    .expect(302);
  return res.headers.location.split('/')[3];
}

const h1Count = (html: string) => (html.match(/<h1[\s>]/g) ?? []).length;

describe('pages', () => {
  it.each([
    '/submit',
    '/submit/sign-in',
    '/submit/create-account',
    '/submit/forgot-password',
    '/case-studies',
  ])('%s renders with one h1, escaped and with the GOV.UK assets served locally', async (path) => {
    const res = await agent()
      .get(path)
      .expect(200)
      .expect('Content-Type', /text\/html/);
    expect(h1Count(res.text)).toBe(1);
    expect(res.text).toMatch(/href="\/assets\/[0-9a-f]{12}\/site\.css"/);
    expect(res.text).not.toMatch(/https?:\/\/[^"]*(cdn|unpkg|jsdelivr)/);
  });

  it('serves the built CSS, govuk-frontend JS and the icon at versioned URLs cached for a year, and nothing outside them', async () => {
    const page = await agent().get('/case-studies').expect(200);
    const assets = /href="(\/assets\/[0-9a-f]{12})\/site\.css"/.exec(page.text)![1];
    expect(page.text).toContain(`src="${assets}/site.js"`);
    const css = await agent().get(`${assets}/site.css`).expect(200).expect('Content-Type', /text\/css/);
    expect(css.headers['cache-control']).toBe('max-age=31536000,immutable');
    // The service's own brand: no GOV.UK typeface, crown or Royal Arms in the stylesheet.
    expect(css.text).not.toMatch(/GDS Transport|crown|crest/i);
    expect(css.text).toMatch(/font-family:arial,helvetica,sans-serif/);
    await agent().get(`${assets}/govuk-frontend.min.js`).expect(200).expect('Content-Type', /javascript/);
    await agent().get(`${assets}/site.js`).expect(200);
    await agent().get(`${assets}/favicon.svg`).expect(200).expect('Content-Type', /svg/);
    await agent().get('/assets/000000000000/site.css').expect(404);
    for (const path of [
      '/assets/..%2f..%2fpackage.json',
      `${assets}/..%2f..%2f..%2fpackage.json`,
      `${assets}/%2e%2e/assets-version.json`,
    ]) {
      const res = await agent().get(path);
      expect([400, 403, 404]).toContain(res.status);
    }
  });

  it('the CSP allows only our own scripts, plus the template inline script by nonce', async () => {
    const res = await agent().get('/submit').expect(200);
    const nonce = /<script nonce="([^"]+)"/.exec(res.text)![1];
    expect(res.headers['content-security-policy']).toContain(`'nonce-${nonce}'`);
    expect(res.headers['content-security-policy']).not.toContain("unsafe-inline' ; script");
  });
});

describe('security', () => {
  it('refuses a POST without the CSRF token, or with a wrong one (403)', async () => {
    const a = agent();
    await a.get('/submit/sign-in').expect(200);
    await a
      .post('/submit/sign-in')
      .type('form')
      .send({ email: 'ann@bristol.gov.uk', password: PASSWORD })
      .expect(403);
    await a
      .post('/submit/sign-in')
      .type('form')
      .send({ _csrf: 'forged', email: 'x', password: 'y' })
      .expect(403);
    const signedInAgent = await signedIn('ann@bristol.gov.uk');
    await signedInAgent.post('/submit/submissions').type('form').send({}).expect(403);
  });

  it('keeps the session in an httpOnly, SameSite=Lax, signed cookie', async () => {
    const a = agent();
    const form = await a.get('/submit/sign-in');
    const res = await a
      .post('/submit/sign-in')
      .type('form')
      .send({ _csrf: csrfOf(form.text), email: 'ann@bristol.gov.uk', password: PASSWORD })
      .expect(302);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const session = cookies.find((c) => c.startsWith('cs_session='))!;
    expect(session).toMatch(/httponly/i);
    expect(session).toMatch(/samesite=lax/i);
    expect(cookies.some((c) => c.startsWith('cs_session.sig='))).toBe(true);
  });

  // Secure follows the request's own scheme (tests/site/proxy.test.ts: HTTPS at a real nginx).
  it('does not take a client\'s word for HTTPS when no proxy is trusted: no Secure cookie over HTTP', async () => {
    const res = await agent().get('/submit/sign-in').set('X-Forwarded-Proto', 'https').expect(200);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(cookies.find((c) => c.startsWith('cs_csrf='))).toBeDefined();
    expect(cookies.find((c) => c.startsWith('cs_csrf='))).not.toMatch(/;\s*secure/i);
  });

  it('an expired token ends the session: back to sign in, cookie cleared', async () => {
    const user = await app.strapi.db
      .query('plugin::users-permissions.user')
      .findOne({ where: { email: 'ann@bristol.gov.uk' } });
    const jwt = app.strapi.plugin('users-permissions').service('jwt');
    // The cookie is signed with APP_KEYS, as the site signs it.
    const Keygrip = require('keygrip');
    const cookie = (token: string) =>
      `cs_session=${token}; cs_session.sig=${new Keygrip(process.env.APP_KEYS!.split(',')).sign(`cs_session=${token}`)}`;
    // Tokens carry the user's session version (issue 9): issue them as the site does.
    const current = await app.strapi.plugin('submissions').service('sessions').issue(user.id);
    await agent().get('/submit/submissions').set('Cookie', cookie(current)).expect(200);
    const expired = jwt.issue({ id: user.id, sv: user.sessionVersion ?? 0 }, { expiresIn: '-1s' });
    const res = await agent()
      .get('/submit/submissions')
      .set('Cookie', cookie(expired))
      .expect(302)
      .expect('Location', '/submit/sign-in');
    expect(
      ([] as string[]).concat(res.headers['set-cookie'] ?? []).some((c) => /^cs_session=;/.test(c))
    ).toBe(true);
  });

  it('ignores a session cookie whose signature does not match', async () => {
    await agent()
      .get('/submit/submissions')
      .set('Cookie', 'cs_session=forged; cs_session.sig=forged')
      .expect(302)
      .expect('Location', '/submit/sign-in');
  });

  it('sends anyone without a session to sign in', async () => {
    await agent().get('/submit/submissions').expect(302).expect('Location', '/submit/sign-in');
  });

  it('limits failed sign-ins per account, counted in the database', async () => {
    const a = agent();
    const csrf = csrfOf((await a.get('/submit/sign-in')).text);
    for (let i = 0; i < 3; i++) {
      const res = await a
        .post('/submit/sign-in')
        .type('form')
        .send({ _csrf: csrf, email: 'bob@calderdale.gov.uk', password: 'wrong' });
      expect(res.status).toBe(422);
      expect(res.text).toContain('Enter a correct email address and password');
    }
    const blocked = await a
      .post('/submit/sign-in')
      .type('form')
      .send({ _csrf: csrf, email: 'bob@calderdale.gov.uk', password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Too many failed attempts');
    // The count lives in the database, where every process sees it.
    const rows = await app.strapi.db.connection('site_rate_limits').where('key', 'like', 'signInFailuresByAccount:%');
    expect(rows.length).toBeGreaterThan(0);
  });

  it('refuses HTML in an answer with the API message, and shows the text back escaped', async () => {
    const a = await signedIn('ann@bristol.gov.uk');
    const id = await newDraft(a);
    const page = await a.get(`/submit/submissions/${id}/challenge`).expect(200);
    const res = await a
      .post(`/submit/submissions/${id}/challenge`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), version: '1', answer: 'Before <script>alert(1)</script> after' });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/<title>Error: /);
    expect(res.text).toContain('must be plain text, without HTML tags');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('href="#answer"');
    expect(res.text).toContain('id="answer"');
  });

  it('check your answers refuses an incomplete submission, linking each error to its field', async () => {
    const a = await signedIn('ann@bristol.gov.uk');
    const id = await newDraft(a);
    const page = await a.get(`/submit/submissions/${id}/check`).expect(200);
    expect(h1Count(page.text)).toBe(1);
    const res = await a
      .post(`/submit/submissions/${id}/check`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), version: '1' });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/<title>Error: Check your answers/);
    for (const href of [
      'title?change=1#title',
      'topics?change=1#topics',
      'challenge?change=1#answer',
      'contact?change=1#email',
    ])
      expect(res.text).toContain(`href="/submit/submissions/${id}/${href}"`);
    expect(res.text).not.toContain(`/introduction?change=1#answer"`); // optional
    const state = await app.strapi.db
      .query('plugin::submissions.submission')
      .findOne({ where: { documentId: id } });
    expect(state.state).toBe('draft');
  });

  it("council B cannot open council A's submission by its URL", async () => {
    const ann = await signedIn('ann@bristol.gov.uk');
    const id = await newDraft(ann);
    await ann.get(`/submit/submissions/${id}`).expect(200);
    const carol = await signedIn('carol@calderdale.gov.uk');
    for (const path of ['', '/challenge', '/check', '/withdraw', '/confirmation']) {
      const res = await carol.get(`/submit/submissions/${id}${path}`);
      expect(res.status).toBe(404);
      expect(res.text).toContain('Page not found');
    }
    const csrf = csrfOf((await carol.get('/submit/submissions')).text);
    await carol
      .post(`/submit/submissions/${id}/challenge`)
      .type('form')
      .send({ _csrf: csrf, version: '1', answer: 'x' })
      .expect(404);
    await carol
      .post(`/submit/submissions/${id}/withdraw`)
      .type('form')
      .send({ _csrf: csrf, version: '1' })
      .expect(404);
    const list = await carol.get('/submit/submissions').expect(200);
    expect(list.text).not.toContain(id);
  });
});

describe('library', () => {
  const cases: [string, { topics?: string[]; supportTypes?: string[]; q?: string }][] = [
    ['everything', {}],
    ['one topic', { topics: ['prevent'] }],
    ['two topics (any of)', { topics: ['children-and-young-people', 'violence-against-women-and-girls'] }],
    ['a support type', { supportTypes: ['funding'] }],
    ['a topic and a support type', { topics: ['prevent'], supportTypes: ['partnership-working'] }],
    ['a keyword', { q: 'taxi' }],
  ];

  it.each(cases)(
    '%s: the expected case studies and "Your search (for ‘keyword’) returned N results"',
    async (_name, filters) => {
      const res = await agent()
        .get('/case-studies')
        .query({ ...filters, sort: 'title' })
        .expect(200);
      const expected = expectedSlugs(filters);
      const searched = filters.q ? `Your search for ‘${filters.q}’` : 'Your search';
      expect(res.text).toContain(`${searched} returned ${expected.length} result${expected.length === 1 ? '' : 's'}`);
      // Sorted by title, the first page is the first ten of the expected list.
      const firstTen = sample.caseStudies
        .filter((c) => expected.includes(c.slug))
        .sort((x, y) => x.title.localeCompare(y.title))
        .slice(0, 10);
      expect(listedSlugs(res.text)).toEqual(firstTen.map((c) => c.slug).sort());
    }
  );

  it('pages past ten results, keeping the filters in the page links', async () => {
    const prevent = await app.strapi.db.query('api::topic.topic').findOne({ where: { slug: 'prevent' } });
    for (let i = 1; i <= 12; i++)
      await app.strapi.documents('api::case-study.case-study').create({
        data: {
          title: `Zebra crossing ${String(i).padStart(2, '0')}`,
          summary: 'Zebra crossings near schools.',
          topics: [prevent.documentId],
        } as never,
        status: 'published',
      });
    const first = await agent().get('/case-studies?q=zebra&topics=prevent&sort=title').expect(200);
    expect(first.text).toContain('Your search for ‘zebra’ returned 12 results');
    expect(listedSlugs(first.text)).toHaveLength(10);
    expect(first.text).toContain('href="/case-studies?q=zebra&amp;topics=prevent&amp;sort=title&amp;page=2"');
    const second = await agent().get('/case-studies?q=zebra&topics=prevent&sort=title&page=2').expect(200);
    expect(listedSlugs(second.text)).toEqual(['zebra-crossing-11', 'zebra-crossing-12']);
  });

  it('shows one case study per page, and 404 for an unknown one', async () => {
    const [one] = sample.caseStudies;
    const res = await agent().get(`/case-studies/${one.slug}`).expect(200);
    expect(res.text).toContain('<h1 class="govuk-heading-l">');
    expect(h1Count(res.text)).toBe(1);
    await agent().get('/case-studies/no-such-case-study').expect(404);
  });
});

/**
 * The pages call the services in-process: during a full journey, every request the server receives
 * must be one the test's client sent (marked with a header). A page that called this server back over
 * HTTP (fetch, http.request, any library) shows up as an unmarked request (against the code before the
 * website plugin, this listed 47 of them).
 */
describe('in-process', () => {
  const MARK = 'x-test-journey';
  const browser = () => supertest.agent(app.baseUrl).set(MARK, '1');
  async function post(a: supertest.Agent, path: string, form: Record<string, string>, csrfFrom = path) {
    const page = await a.get(csrfFrom);
    return a.post(path).type('form').send({ _csrf: csrfOf(page.text), ...form });
  }

  it('no page handler makes an HTTP request to this server during a full journey', async () => {
    const unmarked: string[] = [];
    const count = (req: IncomingMessage) => {
      if (req.headers[MARK] !== '1') unmarked.push(`${req.method} ${req.url}`);
    };
    app.strapi.server.httpServer.on('request', count);
    const reader = browser();
    await reader.get('/case-studies').expect(200);
    await reader.get('/case-studies?q=taxi&topics=prevent&sort=title').expect(200);
    await reader.get(`/case-studies/${sample.caseStudies[0].slug}`).expect(200);
  
    const visitor = browser();
    await post(visitor, '/submit/create-account', {
      email: 'new.officer@calderdale.gov.uk',
      password: PASSWORD,
      confirmPassword: PASSWORD,
    }).then((res) => expect(res.status).toBe(200));
    await post(visitor, '/submit/forgot-password', { email: 'ann@bristol.gov.uk' }).then((res) =>
      expect(res.status).toBe(200)
    );
    const { resetPasswordToken: code } = await app.strapi.db
      .query('plugin::users-permissions.user')
      .findOne({ where: { email: 'ann@bristol.gov.uk' } });
    await post(
      visitor,
      '/submit/reset-password',
      { code, password: PASSWORD, confirmPassword: PASSWORD },
      `/submit/reset-password?code=${code}`
    ).then((res) => expect(res.status).toBe(302));
  
    const officer = browser();
    await post(officer, '/submit/sign-in', { email: 'ann@bristol.gov.uk', password: PASSWORD }).then((res) =>
      expect(res.status).toBe(302)
    );
    await officer.get('/submit/submissions/new').expect(200);
    const created = await post(officer, '/submit/submissions/new/title', { title: 'Bristol: a test' });
    expect(created.status).toBe(302);
    const id = created.headers.location.split('/')[3];
    await officer.get(`/submit/submissions/${id}`).expect(200);
    await post(officer, `/submit/submissions/${id}/summary`, { version: '1', summary: 'What we did.' }).then(
      (res) => expect(res.status).toBe(302)
    );
    await officer.get(`/submit/submissions/${id}/attachments`).expect(200);
    await officer.get(`/submit/submissions/${id}/check`).expect(200);
    await post(officer, `/submit/submissions/${id}/check`, { version: '2' }).then((res) =>
      expect(res.status).toBe(422)
    );
    await post(officer, `/submit/submissions/${id}/withdraw`, { version: '2' }).then((res) =>
      expect(res.status).toBe(302)
    );
    await officer.get('/submit/submissions').expect(200);
  
    expect(unmarked).toEqual([]);
    app.strapi.server.httpServer.off('request', count);
  });
});
