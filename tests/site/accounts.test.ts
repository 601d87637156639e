import crypto from 'crypto';
import { startListeningApp, type ListeningApp } from '../helpers/browser';
import { freePort, startSecondProcess } from '../helpers/strapi';
import { clientAt } from '../helpers/client';
import { startSmtpServer, type SmtpServer } from '../helpers/smtp';
import { createOfficer, PASSWORD } from './council-helpers';

/**
 * Account pages hardened: limits counted in the database per email-and-client and per client
 * (clients bound to different loopback addresses are different clients), confirmation links to the
 * site's own page, used once, and a resend page that never says whether an address has an account.
 */
let app: ListeningApp;
let mailbox: SmtpServer;

beforeAll(async () => {
  mailbox = await startSmtpServer();
  app = await startListeningApp('site-accounts', {
    ...mailbox.env,
    SITE_ACCOUNT_MAX_REQUESTS: '3',
    SITE_ACCOUNT_MAX_REQUESTS_PER_IP: '4',
    AUTH_RATE_LIMIT_MAX: '3',
  });
  await createOfficer(app.strapi, 'officer@calderdale.gov.uk');
  await createOfficer(app.strapi, 'second.officer@calderdale.gov.uk');
});
afterAll(async () => {
  await app?.close();
  await mailbox?.close();
});

const at = (address: string) => clientAt(app.baseUrl, address);
const users = () => app.strapi.db.query('plugin::users-permissions.user');

it('an attacker elsewhere cannot lock a named officer out: 50 failures from one address, then the officer signs in from theirs', async () => {
  const attacker = at('127.0.0.2');
  const statuses: number[] = [];
  for (let i = 0; i < 50; i++)
    statuses.push(
      (await attacker.submit('/submit/sign-in', { email: 'officer@calderdale.gov.uk', password: `guess-${i}` })).status
    );
  expect(statuses.slice(0, 5)).toEqual([422, 422, 422, 422, 422]);
  expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
  // Even the right password is refused to the attacker's address now...
  expect((await attacker.submit('/submit/sign-in', { email: 'officer@calderdale.gov.uk', password: PASSWORD })).status).toBe(429);
  // ...but not to the officer's own.
  const officer = await at('127.0.0.3').submit('/submit/sign-in', { email: 'officer@calderdale.gov.uk', password: PASSWORD });
  expect(officer.status).toBe(302);
  expect(officer.headers.location).toBe('/submit/submissions');
  // The counters are rows every process shares, keyed by a hash of the address (no address stored).
  const rows = await app.strapi.db.connection('site_rate_limits').where('key', 'like', 'signIn%');
  expect(rows.length).toBeGreaterThan(0);
  expect(JSON.stringify(rows)).not.toContain('officer@calderdale');
});

it('counts in the database: failures sent through two processes add up to one limit', async () => {
  const second = await startSecondProcess(await freePort());
  try {
    const viaFirst = clientAt(app.baseUrl, '127.0.0.10');
    const viaSecond = clientAt(second.baseUrl, '127.0.0.10');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const client = i % 2 ? viaSecond : viaFirst;
      statuses.push((await client.submit('/submit/sign-in', { email: 'officer@calderdale.gov.uk', password: 'wrong' })).status);
    }
    expect(statuses).toEqual([422, 422, 422, 422, 422]);
    for (const client of [viaFirst, viaSecond])
      expect((await client.submit('/submit/sign-in', { email: 'officer@calderdale.gov.uk', password: PASSWORD })).status).toBe(429);
  } finally {
    await second.stop();
  }
});

it("one officer's password reset works while another client has spent its own limit", async () => {
  const other = at('127.0.0.4');
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const code = crypto.randomBytes(32).toString('hex');
    statuses.push(
      (await other.submit('/submit/reset-password', { code, password: PASSWORD, confirmPassword: PASSWORD }, `/submit/reset-password?code=${code}`)).status
    );
  }
  expect(statuses.slice(0, 4)).toEqual([422, 422, 422, 422]);
  expect(statuses.slice(4)).toEqual([429, 429]);

  const officer = at('127.0.0.5');
  expect((await officer.submit('/submit/forgot-password', { email: 'second.officer@calderdale.gov.uk' })).status).toBe(200);
  const link = new URL(await mailbox.link('second.officer@calderdale.gov.uk', /password/i, /reset-password\?code=/));
  const reset = await officer.submit(
    '/submit/reset-password',
    { code: link.searchParams.get('code')!, password: 'A-new-password-42', confirmPassword: 'A-new-password-42' },
    link.pathname + link.search
  );
  expect(reset.status).toBe(302);
  expect(reset.headers.location).toBe('/submit/submissions');
});

it('a confirmation link works once; used again it says so and offers a new one; an expired one says it expired', async () => {
  const visitor = at('127.0.0.6');
  const email = 'new.officer@calderdale.gov.uk';
  expect((await visitor.submit('/submit/create-account', { email, password: PASSWORD, confirmPassword: PASSWORD })).status).toBe(200);
  const link = new URL(await mailbox.link(email, /confirm/i, /\/submit\/confirm\?token=/));
  expect(link.origin).toBe(app.baseUrl);
  const first = await visitor.get(link.pathname + link.search);
  expect(first.status).toBe(302);
  expect(first.headers.location).toBe('/submit/sign-in?confirmed=1');
  expect((await users().findOne({ where: { email } })).confirmed).toBe(true);

  const again = await visitor.get(link.pathname + link.search);
  expect(again.status).toBe(404);
  expect(again.headers['content-type']).toMatch(/text\/html/);
  expect(again.text).toContain('This link has already been used or is not valid');
  expect(again.text).toContain('href="/submit/resend-confirmation"');

  // A link whose time is up (its expiry is part of the token, and only the token's hash is stored).
  const late = 'late.officer@calderdale.gov.uk';
  await app.strapi.plugin('users-permissions').service('user').add({ username: late, email: late, password: PASSWORD, provider: 'local', confirmed: false, blocked: false });
  const token = `${(Math.floor(Date.now() / 1000) - 60).toString(36)}.${crypto.randomBytes(24).toString('base64url')}`;
  await users().update({ where: { email: late }, data: { confirmationToken: crypto.createHash('sha256').update(token).digest('hex') } });
  const expired = await visitor.get(`/submit/confirm?token=${token}`);
  expect(expired.status).toBe(410);
  expect(expired.text).toContain('This link has expired');
  expect((await users().findOne({ where: { email: late } })).confirmed).toBe(false);
});

it('the resend page sends a new link only to an unconfirmed account, answers the same for any address, and is limited', async () => {
  const email = 'waiting.officer@calderdale.gov.uk';
  const visitor = at('127.0.0.7');
  await visitor.submit('/submit/create-account', { email, password: PASSWORD, confirmPassword: PASSWORD });
  const firstLink = new URL(await mailbox.link(email, /confirm/i, /\/submit\/confirm\?token=/));

  const form = await visitor.get('/submit/resend-confirmation');
  expect(form.status).toBe(200);
  const answers: string[] = [];
  const before = mailbox.received.length;
  for (const address of [email, 'nobody@calderdale.gov.uk', 'officer@calderdale.gov.uk']) {
    const res = await at('127.0.0.8').submit('/submit/resend-confirmation', { email: address });
    expect(res.status).toBe(200);
    answers.push(res.text.replace(address, 'ADDRESS').replace(/(value|nonce)="[^"]+"/g, ''));
  }
  expect(new Set(answers).size).toBe(1); // silent about whether the address exists or is confirmed
  await mailbox.waitFor(email, /confirm/i);
  await new Promise((r) => setTimeout(r, 500));
  expect(mailbox.received.slice(before).map((m) => m.to[0])).toEqual([email]);

  // The new link works and the old one has stopped.
  const newLink = new URL(await mailbox.link(email, /confirm/i, /\/submit\/confirm\?token=/));
  expect(newLink.search).not.toBe(firstLink.search);
  expect((await visitor.get(firstLink.pathname + firstLink.search)).status).toBe(404);
  expect((await visitor.get(newLink.pathname + newLink.search)).status).toBe(302);

  // Limited like the other account pages: 3 an hour for one address from one client.
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++)
    statuses.push((await at('127.0.0.9').submit('/submit/resend-confirmation', { email: 'x@calderdale.gov.uk' })).status);
  expect(statuses).toEqual([200, 200, 200, 429]);
});

it.each([
  ['a NUL byte', 'officer\u0000@calderdale.gov.uk'],
  ['two @', 'officer@x@calderdale.gov.uk'],
  ['4,000 characters', `${'a'.repeat(4000)}@calderdale.gov.uk`],
])('answers a sign-in with %s in the email address with 422 naming the field, on any database', async (_name, email) => {
  const res = await at('127.0.0.11').submit('/submit/sign-in', { email, password: PASSWORD });
  expect(res.status).toBe(422);
  expect(res.text).toContain('href="#email"');
  expect(res.text).toContain('Enter an email address in the correct format');
});

it('removes counters that expired over an hour ago (the cron job every ten minutes runs this)', async () => {
  const table = () => app.strapi.db.connection('site_rate_limits');
  await table().insert([
    { key: 'signInFailuresByClient:old', points: 3, expire: Date.now() - 2 * 60 * 60 * 1000 },
    { key: 'signInFailuresByClient:current', points: 3, expire: Date.now() + 60_000 },
  ]);
  await app.strapi.plugin('website').service('limits').clearExpired();
  const keys = (await table().where('key', 'like', 'signInFailuresByClient:%')).map((r: { key: string }) => r.key);
  expect(keys).toContain('signInFailuresByClient:current');
  expect(keys).not.toContain('signInFailuresByClient:old');
});

it("users-permissions' /api/auth/* limit is counted in the database, per client", async () => {
  const api = (address: string) =>
    fetch(`${app.baseUrl}/api/auth/forgot-password`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@calderdale.gov.uk' }),
    }).then((r) => r.status);
  const statuses = [await api('a'), await api('a'), await api('a'), await api('a')];
  expect(statuses).toEqual([200, 200, 200, 429]);
  const rows = await app.strapi.db.connection('site_rate_limits').where('key', 'like', 'authApiByClient:%');
  expect(rows.map((r: { key: string }) => r.key)).toEqual(['authApiByClient:/api/auth/forgot-password|127.0.0.1']);
});
