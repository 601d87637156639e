import type { IncomingMessage } from 'http';
import supertest from 'supertest';
import { startListeningApp, type ListeningApp } from '../helpers/browser';
import { startSmtpServer, type SmtpServer } from '../helpers/smtp';
import { createOfficer, csrfOf, PASSWORD, sample } from './council-helpers';

/**
 * The pages call the services in-process: during a full journey, every request the server receives
 * must be one the test's browser sent (marked with a header). A page that called this server back
 * over HTTP (fetch, http.request, any library) would show up here as an unmarked request.
 */
let app: ListeningApp;
let mailbox: SmtpServer;
const unmarked: string[] = [];
const MARK = 'x-test-journey';

beforeAll(async () => {
  mailbox = await startSmtpServer();
  app = await startListeningApp('site-in-process', mailbox.env);
  await createOfficer(app.strapi, 'ann@bristol.gov.uk');
  app.strapi.server.httpServer.on('request', (req: IncomingMessage) => {
    if (req.headers[MARK] !== '1') unmarked.push(`${req.method} ${req.url}`);
  });
});
afterAll(async () => {
  await app?.close();
  await mailbox?.close();
});

const browser = () => supertest.agent(app.baseUrl).set(MARK, '1');

async function post(a: supertest.Agent, path: string, form: Record<string, string>, csrfFrom = path) {
  const page = await a.get(csrfFrom);
  return a.post(path).type('form').send({ _csrf: csrfOf(page.text), ...form });
}

it('no page handler makes an HTTP request to this server during a full journey', async () => {
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
  const code = new URL(await mailbox.link('ann@bristol.gov.uk', /password/i, /reset-password\?code=/))
    .searchParams.get('code')!;
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
  const created = await post(officer, '/submit/submissions', {});
  const id = created.headers.location.split('/').pop()!;
  await officer.get(`/submit/submissions/${id}`).expect(200);
  await post(officer, `/submit/submissions/${id}/title`, { version: '1', title: 'Bristol: a test' }).then(
    (res) => expect(res.status).toBe(302)
  );
  await officer.get(`/submit/submissions/${id}/check`).expect(200);
  await post(officer, `/submit/submissions/${id}/check`, { version: '2' }).then((res) =>
    expect(res.status).toBe(422)
  );
  await post(officer, `/submit/submissions/${id}/withdraw`, { version: '2' }).then((res) =>
    expect(res.status).toBe(302)
  );
  await officer.get('/submit/submissions').expect(200);

  expect(unmarked).toEqual([]);
});
