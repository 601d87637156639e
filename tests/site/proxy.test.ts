import { startListeningApp, type ListeningApp } from '../helpers/browser';
import { clientAt } from '../helpers/client';
import { startNginx } from '../helpers/nginx';
import { startSmtpServer, type SmtpServer } from '../helpers/smtp';
import { createOfficer, PASSWORD } from './council-helpers';

/**
 * Behind a real nginx that ends TLS and forwards X-Forwarded-For and X-Forwarded-Proto, with
 * IS_PROXIED=true: each client is itself (its own limits), cookies are Secure because the client
 * used HTTPS, and emailed links use PUBLIC_URL (or, without it, the address the client used).
 */
let app: ListeningApp;
let mailbox: SmtpServer;
let nginx: Awaited<ReturnType<typeof startNginx>>;

beforeAll(async () => {
  mailbox = await startSmtpServer();
  app = await startListeningApp('site-proxy', {
    ...mailbox.env,
    IS_PROXIED: 'true',
    SITE_SIGNIN_MAX_FAILURES_PER_IP: '3',
  });
  nginx = await startNginx(new URL(app.baseUrl).host);
  await createOfficer(app.strapi, 'ann@bristol.gov.uk');
});
afterAll(async () => {
  await nginx?.stop();
  await app?.close();
  await mailbox?.close();
});

const setPublicUrl = (url: string) =>
  (app.strapi.config as unknown as { set(k: string, v: unknown): void }).set('plugin::website.publicUrl', url);
const through = (address: string) => clientAt(nginx.origin, address, nginx.ca);

it('gives clients at different addresses separate sign-in limits', async () => {
  const attacker = through('127.0.0.2');
  for (let i = 0; i < 3; i++) {
    const res = await attacker.submit('/submit/sign-in', { email: `guess${i}@bristol.gov.uk`, password: 'wrong' });
    expect(res.status).toBe(422);
  }
  // This client has spent its limit, whoever it names...
  const blocked = await attacker.submit('/submit/sign-in', { email: 'ann@bristol.gov.uk', password: PASSWORD });
  expect(blocked.status).toBe(429);
  // ...while a client elsewhere is not counted with it.
  const officer = through('127.0.0.3');
  const res = await officer.submit('/submit/sign-in', { email: 'ann@bristol.gov.uk', password: PASSWORD });
  expect(res.status).toBe(302);
  expect(res.headers.location).toBe('/submit/submissions');
});

it('marks the cookies Secure because the request came over HTTPS at the proxy', async () => {
  const viaProxy = await through('127.0.0.4').get('/submit/sign-in');
  expect(viaProxy.status).toBe(200);
  expect(viaProxy.cookies.find((c) => c.startsWith('cs_csrf='))).toMatch(/;\s*secure/i);
  // The same app over plain HTTP, without the proxy: no Secure (so it is the scheme, not a setting).
  const direct = await clientAt(app.baseUrl, '127.0.0.4').get('/submit/sign-in');
  expect(direct.cookies.find((c) => c.startsWith('cs_csrf='))).not.toMatch(/;\s*secure/i);
});

it('puts PUBLIC_URL in emailed links, or else the address the client used at the proxy', async () => {
  const forgot = () => through('127.0.0.5').submit('/submit/forgot-password', { email: 'ann@bristol.gov.uk' });
  setPublicUrl('https://casestudies.example.gov.uk');
  expect((await forgot()).status).toBe(200);
  const configured = await mailbox.link('ann@bristol.gov.uk', /password/i, /reset-password\?code=/);
  expect(configured).toMatch(/^https:\/\/casestudies\.example\.gov\.uk\/submit\/reset-password\?code=[a-f0-9]+$/);

  setPublicUrl('');
  mailbox.received.length = 0;
  expect((await forgot()).status).toBe(200);
  const fromRequest = await mailbox.link('ann@bristol.gov.uk', /password/i, /reset-password\?code=/);
  expect(fromRequest.startsWith(`${nginx.origin}/submit/reset-password?code=`)).toBe(true);
  // And the link works through the proxy.
  const page = await through('127.0.0.5').get(new URL(fromRequest).pathname + new URL(fromRequest).search);
  expect(page.status).toBe(200);
});
