import { execFile } from 'child_process';
import path from 'path';
import { randomBytes } from 'crypto';
import supertest from 'supertest';
import { startListeningApp, type ListeningApp } from '../helpers/browser';
import { TEST_DB } from '../helpers/database';
import { startSmtpServer, type SmtpServer } from '../helpers/smtp';
import { freePort, startSecondProcess } from '../helpers/strapi';
import { createOfficer, csrfOf, PASSWORD } from '../site/council-helpers';
import { signOut, superAdminToken } from './helpers';

const USER = 'plugin::users-permissions.user';
let app: ListeningApp;
let smtp: SmtpServer;
let admin: string; // a super admin's token, for the admin panel's API

beforeAll(async () => {
  smtp = await startSmtpServer();
  // Many sign-ins from one address: lift the per-client limit on /api/auth/* for this file.
  app = await startListeningApp('security_accounts', { ...smtp.env, AUTH_RATE_LIMIT_MAX: '1000' });
  admin = await superAdminToken(app.strapi, app.baseUrl);
}, 180_000); // booting Strapi on a busy shared machine can take more than the default minute
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

const http = () => supertest(app.baseUrl);
const users = () => app.strapi.db.query(USER);
const signIn = (identifier: string, password = PASSWORD) =>
  http().post('/api/auth/local').send({ identifier, password });
const me = (token: string, base = app.baseUrl) =>
  supertest(base).get('/api/users/me').set('Authorization', `Bearer ${token}`);
let officers = 0;
/** A confirmed officer of Bristol, with an API token. */
async function officer() {
  const email = `officer${++officers}@bristol.gov.uk`;
  const user = await createOfficer(app.strapi, email);
  const token = (await signIn(email)).body.jwt as string;
  expect((await me(token)).status).toBe(200);
  return { email, user, token };
}
/** A browser signed in to the council site; `cookie` replays its session cookie from elsewhere. */
async function siteSession(email: string, password = PASSWORD) {
  const browser = supertest.agent(app.baseUrl);
  const form = await browser.get('/submit/sign-in').expect(200);
  const res = await browser
    .post('/submit/sign-in')
    .type('form')
    .send({ _csrf: csrfOf(form.text), email, password })
    .expect(302);
  const cookie = res.headers['set-cookie'] as unknown as string[];
  const session = cookie.filter((c) => c.startsWith('cs_session')).map((c) => c.split(';')[0]);
  return { browser, cookie: session.join('; ') };
}
const replay = (cookie: string) => http().get('/submit/submissions').set('Cookie', cookie);
const expectSignedOut = async (cookie: string) => {
  const res = await replay(cookie);
  expect(res.status).toBe(302);
  expect(res.headers.location).toBe('/submit/sign-in');
};

describe('email addresses are parsed once, strictly', () => {
  it.each([
    '"x@bristol.gov.uk@x"@evil.com',
    '"x"@bristol.gov.uk',
    'x(bristol.gov.uk)@evil.com',
    'x@[127.0.0.1]',
    'x@bristol.gov.uk@evil.com',
  ])('refuses sign-up as %s, naming the field, and stores nothing', async (email) => {
    const before = await users().count();
    const res = await http()
      .post('/api/auth/local/register')
      .send({ username: email, email, password: PASSWORD });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/email/i);
    expect(await users().count()).toBe(before);
    expect(smtp.received.filter((m) => m.to.some((to) => to.endsWith('evil.com')))).toEqual([]);
  });

  it('stores and emails the normalised address that was matched to the council', async () => {
    const res = await http().post('/api/auth/local/register').send({
      username: 'Cara.Example@Bristol.GOV.uk',
      email: 'Cara.Example@Bristol.GOV.uk',
      password: PASSWORD,
    });
    expect(res.status).toBe(200);
    const stored = await users().findOne({
      where: { email: 'cara.example@bristol.gov.uk' },
      populate: ['council'],
    });
    expect(stored).toMatchObject({
      username: 'cara.example@bristol.gov.uk',
      council: { name: 'Bristol City Council' },
    });
    const mail = await smtp.waitFor('cara.example@bristol.gov.uk', /Confirm your email address/);
    expect(mail.to).toEqual(['cara.example@bristol.gov.uk']);
  });

  it('refuses the quoted address on the site form, an invitation and a contact email too', async () => {
    const browser = supertest.agent(app.baseUrl);
    const form = await browser.get('/submit/create-account').expect(200);
    const page = await browser
      .post('/submit/create-account')
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        email: '"x@bristol.gov.uk@x"@evil.com',
        password: PASSWORD,
        confirmPassword: PASSWORD,
      });
    expect(page.status).toBe(422);
    expect(page.text).toContain('Enter your council email address');

    const invite = await http()
      .post('/submissions/invites')
      .set('Authorization', `Bearer ${admin}`)
      .send({ email: '"x@bristol.gov.uk@x"@evil.com' });
    expect(invite.status).toBe(400);
    expect(invite.body.error.details.errors[0]).toMatchObject({
      path: ['email'],
      message: 'must contain exactly one @',
    });

    const { token } = await officer();
    const draft = (title: string, email: string) =>
      http()
        .post('/api/submissions')
        .set('Authorization', `Bearer ${token}`)
        .send({ title, contact: { email } });
    const bad = await draft('Contact', '"jo"@bristol.gov.uk');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['contact', 'email']);
    const good = await draft('Contact', 'Jo.Bloggs@Bristol.GOV.uk');
    expect(good.status).toBe(201);
    expect(good.body.data.contact.email).toBe('jo.bloggs@bristol.gov.uk');
  });
});

describe('accounts made through the quoted-address hole', () => {
  it('are blocked at boot and listed by npm run accounts:audit, and their sessions end', async () => {
    const bristol = await app.strapi.db
      .query('api::council.council')
      .findOne({ where: { slug: 'bristol-city-council' } });
    const role = await app.strapi.db
      .query('plugin::users-permissions.role')
      .findOne({ where: { type: 'council-contributor' } });
    // Written past the rules, as the hole did.
    const intruder = await users().create({
      data: {
        documentId: randomBytes(12).toString('hex'),
        username: 'mallory',
        email: '"x@bristol.gov.uk@x"@evil.com',
        provider: 'local',
        confirmed: true,
        blocked: false,
        council: bristol.id,
        role: role.id,
      },
    });
    const token = await app.strapi.plugin('submissions').service('sessions').issue(intruder.id);
    expect((await me(token)).status).toBe(200);
    const honest = await officer();

    const audit = await new Promise<{ code: number; stdout: string }>((resolve) =>
      execFile(
        process.execPath,
        [path.join(__dirname, '..', '..', 'scripts', 'accounts-audit.js'), '--json'],
        { env: { ...process.env, HOST: '127.0.0.1', PORT: '0' }, timeout: 120_000 },
        (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout })
      )
    );
    expect(audit.code).toBe(3);
    const listed = JSON.parse(audit.stdout);
    expect(listed).toEqual([
      expect.objectContaining({ id: intruder.id, council: 'Bristol City Council', blocked: true }),
    ]);
    expect(listed[0].problem).toMatch(/exactly one @/);
    expect((await users().findOne({ where: { id: intruder.id } })).blocked).toBe(true);
    expect((await me(token)).status).toBe(401);
    expect((await me(honest.token)).status).toBe(200);
  });
});

describe('sessions end when they should', () => {
  it('signing out of the site ends that cookie, replayed, and every other session of the officer', async () => {
    const { email, token } = await officer();
    const { browser, cookie } = await siteSession(email);
    await signOut(browser);
    await expectSignedOut(cookie);
    expect((await me(token)).status).toBe(401);
    // Signing in again works.
    expect((await replay((await siteSession(email)).cookie)).status).toBe(200);
  });

  it('a password reset ends the old API token and the old site cookie; the new token works', async () => {
    const { email, token } = await officer();
    const { cookie } = await siteSession(email);
    await http().post('/api/auth/forgot-password').send({ email }).expect(200);
    const { resetPasswordToken: code } = await users().findOne({ where: { email } });
    const reset = await http()
      .post('/api/auth/reset-password')
      .send({ code, password: 'Brand-new-passw0rd', passwordConfirmation: 'Brand-new-passw0rd' });
    expect(reset.status).toBe(200);
    expect((await me(token)).status).toBe(401);
    await expectSignedOut(cookie);
    expect((await me(reset.body.jwt)).status).toBe(200);
  });

  it("a reset through the site's page ends the old cookie and signs this browser in", async () => {
    const { email } = await officer();
    const old = await siteSession(email);
    await http().post('/api/auth/forgot-password').send({ email }).expect(200);
    const { resetPasswordToken: code } = await users().findOne({ where: { email } });
    const browser = supertest.agent(app.baseUrl);
    const form = await browser.get(`/submit/reset-password?code=${code}`).expect(200);
    await browser
      .post('/submit/reset-password')
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        code,
        password: 'Site-reset-passw0rd',
        confirmPassword: 'Site-reset-passw0rd',
      })
      .expect(302)
      .expect('Location', '/submit/submissions');
    await expectSignedOut(old.cookie);
    await browser.get('/submit/submissions').expect(200);
  });

  it('changing the password ends the old token; the one it returns works', async () => {
    const { token } = await officer();
    const changed = await http()
      .post('/api/auth/change-password')
      .set('Authorization', `Bearer ${token}`)
      .send({
        currentPassword: PASSWORD,
        password: 'Changed-passw0rd',
        passwordConfirmation: 'Changed-passw0rd',
      });
    expect(changed.status).toBe(200);
    expect((await me(token)).status).toBe(401);
    expect((await me(changed.body.jwt)).status).toBe(200);
  });

  const editUser = (documentId: string, data: Record<string, unknown>) =>
    http()
      .put(`/content-manager/collection-types/${USER}/${documentId}`)
      .set('Authorization', `Bearer ${admin}`)
      .send(data);

  it('blocking an officer in the admin panel ends every session; unblocking does not revive them', async () => {
    const { email, user, token } = await officer();
    const { cookie } = await siteSession(email);
    expect((await editUser(user.documentId, { blocked: true })).status).toBe(200);
    expect((await me(token)).status).toBe(401);
    await expectSignedOut(cookie);
    expect((await editUser(user.documentId, { blocked: false })).status).toBe(200);
    expect((await me(token)).status).toBe(401);
    expect((await signIn(email)).status).toBe(200);
  });

  it("an admin's edit of the password ends the old token; other edits do not", async () => {
    const { user, token } = await officer();
    expect((await editUser(user.documentId, { username: `${user.username}.renamed` })).status).toBe(200);
    expect((await me(token)).status).toBe(200);
    expect((await editUser(user.documentId, { password: 'Admin-set-passw0rd' })).status).toBe(200);
    expect((await me(token)).status).toBe(401);
  });

  it('GraphQL sign-in gives a current token, and GraphQL refuses an ended one', async () => {
    const { email } = await officer();
    const gql = (query: string, token?: string) => {
      const req = http().post('/graphql').send({ query });
      return token ? req.set('Authorization', `Bearer ${token}`) : req;
    };
    const login = await gql(
      `mutation { login(input: { identifier: "${email}", password: "${PASSWORD}" }) { jwt } }`
    );
    expect(login.body.errors).toBeUndefined();
    const token = login.body.data.login.jwt as string;
    expect((await gql('{ me { email } }', token)).body.data.me.email).toBe(email);
    const { id } = await users().findOne({ where: { email } });
    await app.strapi.plugin('submissions').service('sessions').endAll(id);
    // The ended token counts for nothing: no one is signed in (Strapi answers null or Forbidden).
    const after = await gql('{ me { email } }', token);
    expect(after.status).toBeLessThan(500);
    expect(after.body.data?.me ?? null).toBeNull();
    expect(JSON.stringify(after.body)).not.toContain(email);
  });

  it('refuses a token signed without a session version (as issued before versions)', async () => {
    const { user } = await officer();
    const unversioned = app.strapi.plugin('users-permissions').service('jwt').issue({ id: user.id });
    expect((await me(unversioned)).status).toBe(401);
  });

  it('sessions.verify: null for ended, blocked, forged and malformed tokens', async () => {
    const sessions = app.strapi.plugin('submissions').service('sessions');
    const { user, token } = await officer();
    expect(await sessions.verify(token)).toEqual({ id: user.id });
    expect((await me(token)).body).not.toHaveProperty('sessionVersion'); // private: never in the API
    expect(await sessions.verify(`${token}x`)).toBeNull();
    expect(await sessions.verify('not a token')).toBeNull();
    await users().update({ where: { id: user.id }, data: { blocked: true } });
    expect(await sessions.verify(token)).toBeNull();
  });

  // Several processes share PostgreSQL in production (SQLite is one process): one ends, all refuse.
  if (TEST_DB === 'postgres')
    it('a second Strapi process on the same PostgreSQL refuses a token the first one ended', async () => {
      const second = await startSecondProcess(await freePort());
      try {
        const { email, token } = await officer();
        expect((await me(token, second.baseUrl)).status).toBe(200);
        const { browser, cookie } = await siteSession(email);
        await signOut(browser);
        expect((await me(token, second.baseUrl)).status).toBe(401);
        const replayed = await supertest(second.baseUrl).get('/submit/submissions').set('Cookie', cookie);
        expect(replayed.status).toBe(302);
      } finally {
        await second.stop();
      }
    });
});
