import type { TestApp } from '../helpers/strapi';

/** A signed-in caller: sends requests with its token. */
export interface Caller {
  label: string;
  email: string;
  token: string | null;
  get(path: string): ReturnType<ReturnType<TestApp['http']>['get']>;
  post(path: string, body?: unknown): ReturnType<ReturnType<TestApp['http']>['post']>;
  put(path: string, body?: unknown): ReturnType<ReturnType<TestApp['http']>['put']>;
  delete(path: string): ReturnType<ReturnType<TestApp['http']>['delete']>;
}

export function caller(app: TestApp, label: string, email: string, token: string | null): Caller {
  const auth = <T extends { set: (k: string, v: string) => T }>(req: T) =>
    token ? req.set('Authorization', `Bearer ${token}`) : req;
  return {
    label,
    email,
    token,
    get: (path) => auth(app.http().get(path)),
    post: (path, body) => auth(app.http().post(path)).send(body ?? {}),
    put: (path, body) => auth(app.http().put(path)).send(body ?? {}),
    delete: (path) => auth(app.http().delete(path)),
  };
}

export const PASSWORD = 'Corr3ct-horse-battery';

/** A confirmed council officer (the council comes from the email domain), signed in. */
export async function councilOfficer(app: TestApp, email: string): Promise<Caller> {
  await app.strapi
    .plugin('users-permissions')
    .service('user')
    .add({ username: email, email, password: PASSWORD, provider: 'local', confirmed: true });
  const res = await app.http().post('/api/auth/local').send({ identifier: email, password: PASSWORD });
  if (res.status !== 200)
    throw new Error(`login failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return caller(app, email, email, res.body.jwt);
}

/** An admin user holding the named admin role, signed in to the admin API. */
export async function editor(
  app: TestApp,
  email: string,
  roleName: 'Reviewer' | 'Publisher' | 'Editor' | 'Super Admin'
): Promise<Caller> {
  const role = await app.strapi.db.query('admin::role').findOne({ where: { name: roleName } });
  if (!role) throw new Error(`no admin role ${roleName}`);
  await app.strapi.service('admin::user').create({
    email,
    firstname: roleName,
    lastname: email.split('@')[0],
    password: PASSWORD,
    isActive: true,
    roles: [role.id],
  });
  const res = await app.http().post('/admin/login').send({ email, password: PASSWORD });
  if (res.status !== 200)
    throw new Error(`admin login failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return caller(app, `${roleName} ${email}`, email, res.body.data.token);
}

export async function topicIds(app: TestApp, ...slugs: string[]): Promise<string[]> {
  const res = await app.http().get('/api/topics?pagination[pageSize]=100');
  return slugs.map((slug) => res.body.data.find((t: { slug: string }) => t.slug === slug).documentId);
}

/** Answers that pass the default template's rules. */
export function completeAnswers(topics: string[]) {
  return {
    title: 'Bristol City Council: reading together',
    summary:
      'Libraries and schools ran a reading programme that reached families who had never borrowed a book.',
    topics,
    contact: { name: 'Jo Bloggs', role: 'Libraries manager', email: 'jo.bloggs@bristol.gov.uk' },
    answers: {
      challenge: 'Too few children in two wards read for pleasure.',
      solution: 'Reading clubs in school holidays, run with the libraries.',
      impact: 'Borrowing by under-12s rose by a third in a year.',
      sustained: 'The clubs are now part of the library service plan.',
      lessons: 'Start with the schools; families followed.',
    },
  };
}

export interface World {
  councilA: Caller;
  councilA2: Caller;
  councilB: Caller;
  reviewer: Caller;
  publisher: Caller;
  publisher2: Caller;
  anonymous: Caller;
  topics: string[];
}

export async function buildWorld(app: TestApp): Promise<World> {
  return {
    councilA: await councilOfficer(app, 'alice@bristol.gov.uk'),
    councilA2: await councilOfficer(app, 'amir@bristol.gov.uk'),
    councilB: await councilOfficer(app, 'bea@calderdale.gov.uk'),
    reviewer: await editor(app, 'rita.reviewer@lga.test', 'Reviewer'),
    publisher: await editor(app, 'paul.publisher@lga.test', 'Publisher'),
    publisher2: await editor(app, 'pat.publisher@lga.test', 'Publisher'),
    anonymous: caller(app, 'Public', '', null),
    topics: await topicIds(app, 'children-and-young-people'),
  };
}

/** A complete draft of council A, as the API returns it. */
export async function draftOf(world: World, who: Caller = world.councilA) {
  const res = await who.post('/api/submissions', completeAnswers(world.topics));
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as { id: string; version: number; state: string; reference: string };
}

export const councilAct = (who: Caller, id: string, action: string, body: Record<string, unknown>) =>
  who.post(`/api/submissions/${id}/actions/${action}`, body);

export const editorAct = (who: Caller, id: string, action: string, body: Record<string, unknown>) =>
  who.post(`/submissions/items/${id}/actions/${action}`, body);
