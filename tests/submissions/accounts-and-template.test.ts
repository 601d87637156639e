import { startTestApp, type TestApp } from '../helpers/strapi';
import { startSmtpServer, type SmtpServer } from '../helpers/smtp';
import { DEFAULT_TEMPLATE_SECTIONS } from '../../src/plugins/submissions/shared/template';
import { buildWorld, completeAnswers, councilAct, draftOf, PASSWORD, type World } from './world';

let app: TestApp;
let smtp: SmtpServer;
let world: World;

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp('accounts_template', smtp.env);
  world = await buildWorld(app);
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

const register = (email: string, extra: Record<string, unknown> = {}) =>
  app
    .http()
    .post('/api/auth/local/register')
    .send({ username: email, email, password: PASSWORD, ...extra });
const login = (email: string, password = PASSWORD) =>
  app.http().post('/api/auth/local').send({ identifier: email, password });

describe('council accounts', () => {
  it('refuses sign-up with an address outside every council email domain, naming the field', async () => {
    const res = await register('someone@gmail.com');
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['email']);
    expect(res.body.error.message).toMatch(/gmail\.com/);
    expect(
      await app.strapi.db
        .query('plugin::users-permissions.user')
        .count({ where: { email: 'someone@gmail.com' } })
    ).toBe(0);
  });

  it('signs up with a council address, needs the emailed confirmation, then joins that council as a contributor', async () => {
    const email = 'new.officer@calderdale.gov.uk';
    const res = await register(email);
    expect(res.status).toBe(200);
    expect(res.body.jwt).toBeUndefined();
    expect((await login(email)).status).toBe(400); // not confirmed yet

    const mail = await smtp.waitFor(email, /Confirm your email address/);
    // The link goes to the website's confirm page (whichever way the account was made).
    const link = mail.text.match(/https?:\/\/[^\s"<>]+\/submit\/confirm\?token=[\w.-]+/)![0];
    const confirmed = await app.http().get(new URL(link).pathname + new URL(link).search);
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.location).toMatch(/\/submit\/sign-in\?confirmed=1$/);

    const signedIn = await login(email);
    expect(signedIn.status).toBe(200);
    const user = await app.strapi.db
      .query('plugin::users-permissions.user')
      .findOne({ where: { email }, populate: ['council', 'role'] });
    expect(user.council.name).toBe('Calderdale Council');
    expect(user.role.name).toBe('Council contributor');
    const list = await app.http().get('/api/submissions').set('Authorization', `Bearer ${signedIn.body.jwt}`);
    expect(list.status).toBe(200);
  });

  it('does not let a sign-up choose its council or role', async () => {
    const res = await register('sneaky@calderdale.gov.uk', { council: 1, role: 1 });
    expect(res.status).toBe(400);
    expect(
      await app.strapi.db
        .query('plugin::users-permissions.user')
        .count({ where: { email: 'sneaky@calderdale.gov.uk' } })
    ).toBe(0);
  });

  it('lets an editor invite an officer, who sets a password from the emailed link', async () => {
    const email = 'invited@luton.gov.uk';
    const invited = await world.publisher.post('/submissions/invites', { email, firstName: 'Ina' });
    expect(invited.status).toBe(201);
    expect(invited.body.data.council).toBe('Luton Borough Council');
    const mail = await smtp.waitFor(email, /invited/);
    expect(mail.text).toContain('Hello Ina');
    const code = mail.text.match(/reset-password\?code=([a-f0-9]+)/)![1];
    const reset = await app
      .http()
      .post('/api/auth/reset-password')
      .send({ code, password: 'An0ther-good-password', passwordConfirmation: 'An0ther-good-password' });
    expect(reset.status).toBe(200);
    expect((await login(email, 'An0ther-good-password')).status).toBe(200);

    expect((await world.publisher.post('/submissions/invites', { email })).status).toBe(400);
    const outsider = await world.publisher.post('/submissions/invites', { email: 'x@example.com' });
    expect(outsider.status).toBe(400);
    expect(outsider.body.error.details.errors[0].path).toEqual(['email']);
  });
});

describe('the template', () => {
  it('is public, with the fixed questions a form renders around the sections', async () => {
    const res = await app.http().get('/api/submissions/template');
    expect(res.status).toBe(200);
    expect(res.body.data.sections.map((s: { key: string }) => s.key)).toEqual(
      DEFAULT_TEMPLATE_SECTIONS.map((s) => s.key)
    );
    expect(res.body.data.sections[0]).toMatchObject({ key: 'introduction', required: false });
    expect(Object.keys(res.body.data.questions)).toEqual([
      'title',
      'summary',
      'topics',
      'supportTypes',
      'contact',
    ]);
  });

  it('gets new versions from editors; a submission keeps the version it started on', async () => {
    const before = await draftOf(world);
    const sections = [
      ...DEFAULT_TEMPLATE_SECTIONS,
      { key: 'costs', title: 'What it cost', guidance: 'Money and time.', required: true, wordLimit: 200 },
    ];
    const bad = await world.publisher.post('/submissions/template', { sections: [...sections, sections[0]] });
    expect(bad.status).toBe(400);
    const published = await world.publisher.post('/submissions/template', { sections });
    expect(published.status).toBe(201);
    expect(published.body.data.version).toBe(2);
    expect((await app.http().get('/api/submissions/template')).body.data.version).toBe(2);

    // The form can still render the version an older submission started on.
    const v1 = await app.http().get('/api/submissions/template?version=1');
    expect(v1.body.data.sections.map((x: { key: string }) => x.key)).not.toContain('costs');
    expect((await app.http().get('/api/submissions/template?version=99')).status).toBe(404);
    expect((await app.http().get('/api/submissions/template?version=two')).status).toBe(400);

    // The old draft still answers version 1: it can be submitted without the new section.
    const old = await world.councilA.get(`/api/submissions/${before.id}`);
    expect(old.body.data.templateVersion).toBe(1);
    expect((await councilAct(world.councilA, before.id, 'submit', { version: before.version })).status).toBe(
      200
    );

    // A new one needs it.
    const fresh = await world.councilA.post('/api/submissions', completeAnswers(world.topics));
    expect(fresh.body.data.templateVersion).toBe(2);
    const incomplete = await councilAct(world.councilA, fresh.body.data.id, 'submit', { version: 1 });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toEqual([
      'answers.costs',
    ]);
    const answered = await world.councilA.put(`/api/submissions/${fresh.body.data.id}`, {
      version: 1,
      answers: { costs: 'Two officers for a year.' },
    });
    expect(
      (
        await councilAct(world.councilA, fresh.body.data.id, 'submit', {
          version: answered.body.data.version,
        })
      ).status
    ).toBe(200);
  });

  it('enforces word limits at submit', async () => {
    const draft = await draftOf(world);
    const long = await world.councilA.put(`/api/submissions/${draft.id}`, {
      version: 1,
      answers: { lessons: 'word '.repeat(401) },
    });
    expect(long.status).toBe(200); // a draft may run long while it is written
    const refused = await councilAct(world.councilA, draft.id, 'submit', { version: 2 });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/Lessons learned" must be 400 words or fewer \(it has 401\)/);
  });

  it('lets editors change the workflow settings', async () => {
    const res = await world.publisher.put('/submissions/settings', {
      singlePersonPublishing: true,
      reviewerEmails: ['desk@lga.test'],
    });
    expect(res.status).toBe(200);
    expect((await world.publisher.get('/submissions/settings')).body.data).toEqual({
      singlePersonPublishing: true,
      reviewerEmails: ['desk@lga.test'],
    });
    await world.publisher.put('/submissions/settings', { singlePersonPublishing: false, reviewerEmails: [] });
  });
});

describe('admin roles on a new database', () => {
  it('has Strapi’s own roles and ours, and the first administrator can still register', async () => {
    const names = (await app.strapi.db.query('admin::role').findMany({ select: ['name'] })).map(
      (r: { name: string }) => r.name
    );
    expect(names).toEqual(
      expect.arrayContaining(['Super Admin', 'Editor', 'Author', 'Reviewer', 'Publisher'])
    );
    const superAdmin = await app.strapi.service('admin::role').getSuperAdmin();
    expect(superAdmin?.code).toBe('strapi-super-admin');
  });
});
