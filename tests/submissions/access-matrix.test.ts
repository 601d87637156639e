import { startTestApp, type TestApp } from '../helpers/strapi';
import { buildWorld, completeAnswers, draftOf, editor, type Caller, type World } from './world';

let app: TestApp;
let world: World;
let idA: string;
let versionA: number;

beforeAll(async () => {
  app = await startTestApp('access_matrix');
  world = await buildWorld(app);
  const draft = await draftOf(world);
  idA = draft.id;
  versionA = draft.version;
});
afterAll(() => app?.close());

type Who = 'anonymous' | 'councilA' | 'councilA2' | 'councilB' | 'reviewer' | 'publisher';
type Route = [
  name: string,
  call: (c: Caller) => Promise<{ status: number; body: any }>,
  expected: Record<Who, number>,
];

// Councils use the content API (users-permissions JWT); editors the admin API (admin JWT). Each token
// works only on its own API. Another council's ids answer 404, the same as ids that do not exist.
const councilApi = (councilA: number, councilA2: number, councilB: number): Record<Who, number> => ({
  anonymous: 403,
  councilA,
  councilA2,
  councilB,
  reviewer: 401,
  publisher: 401,
});
const editorsApi = (reviewer: number, publisher: number): Record<Who, number> => ({
  anonymous: 401,
  councilA: 401,
  councilA2: 401,
  councilB: 401,
  reviewer,
  publisher,
});
const routes = (): Route[] => [
  [
    'GET template',
    (c) => c.get('/api/submissions/template'),
    { anonymous: 200, councilA: 200, councilA2: 200, councilB: 200, reviewer: 200, publisher: 200 },
  ],
  ['GET list', (c) => c.get('/api/submissions'), councilApi(200, 200, 200)],
  ['GET own council submission', (c) => c.get(`/api/submissions/${idA}`), councilApi(200, 200, 404)],
  [
    'PUT with a stale version',
    (c) => c.put(`/api/submissions/${idA}`, { version: versionA + 100, title: 'x' }),
    councilApi(409, 409, 404),
  ],
  [
    'POST withdraw with a stale version',
    (c) => c.post(`/api/submissions/${idA}/actions/withdraw`, { version: versionA + 100 }),
    councilApi(409, 409, 404),
  ],
  ['POST create', (c) => c.post('/api/submissions', { title: 'New' }), councilApi(201, 201, 201)],
  ['GET queue', (c) => c.get('/submissions/queue'), editorsApi(200, 200)],
  ['GET item', (c) => c.get(`/submissions/items/${idA}`), editorsApi(200, 200)],
  [
    'POST publish a draft',
    (c) => c.post(`/submissions/items/${idA}/actions/publish`, { version: versionA }),
    editorsApi(409, 409),
  ],
  ['GET template (editors)', (c) => c.get('/submissions/template'), editorsApi(200, 200)],
  ['POST template version', (c) => c.post('/submissions/template', { sections: [] }), editorsApi(403, 400)],
  ['GET settings', (c) => c.get('/submissions/settings'), editorsApi(403, 200)],
  [
    'PUT settings',
    (c) => c.put('/submissions/settings', { singlePersonPublishing: 'yes' }),
    editorsApi(403, 400),
  ],
  ['POST invite', (c) => c.post('/submissions/invites', { email: 'not-an-email' }), editorsApi(403, 400)],
];

const WHO: Who[] = ['anonymous', 'councilA', 'councilA2', 'councilB', 'reviewer', 'publisher'];
const matrix = routes().flatMap(([name, , expected]) =>
  WHO.map((who) => [name, who, expected[who]] as const)
);

it.each(matrix)('%s as %s answers %i', async (name, who, status) => {
  const [, call] = routes().find(([n]) => n === name)!;
  const res = await call(world[who]);
  expect(res.status).toBe(status);
});

it('lists only the caller council submissions, colleagues included', async () => {
  const a = (await world.councilA.get('/api/submissions?pageSize=100')).body.data.map(
    (s: { id: string }) => s.id
  );
  const a2 = (await world.councilA2.get('/api/submissions?pageSize=100')).body.data.map(
    (s: { id: string }) => s.id
  );
  const b = (await world.councilB.get('/api/submissions?pageSize=100')).body.data.map(
    (s: { id: string }) => s.id
  );
  expect(a).toContain(idA);
  expect(a2).toEqual(a);
  expect(b).not.toContain(idA);
  expect(b.length).toBeGreaterThan(0); // B's own, created above
});

it('lets a colleague at the same council edit a draft, and nobody else', async () => {
  const draft = await draftOf(world);
  const colleague = await world.councilA2.put(`/api/submissions/${draft.id}`, {
    version: draft.version,
    title: 'Edited by a colleague',
  });
  expect(colleague.status).toBe(200);
  const other = await world.councilB.put(`/api/submissions/${draft.id}`, {
    version: colleague.body.data.version,
    title: 'Hijacked',
  });
  expect(other.status).toBe(404);
  const stored = await app.strapi.db
    .query('plugin::submissions.submission')
    .findOne({ where: { documentId: draft.id } });
  expect(stored.title).toBe('Edited by a colleague');
});

it('never shows a reviewer a publish action, and refuses it when called directly', async () => {
  const draft = await draftOf(world);
  await world.councilA.post(`/api/submissions/${draft.id}/actions/submit`, { version: 1 });
  await world.reviewer.post(`/submissions/items/${draft.id}/actions/start_review`, { version: 2 });
  const approved = await world.reviewer.post(`/submissions/items/${draft.id}/actions/approve`, {
    version: 3,
  });
  expect(approved.body.data.allowedActions).toEqual([]);
  const publish = await world.reviewer.post(`/submissions/items/${draft.id}/actions/publish`, { version: 4 });
  expect(publish.status).toBe(403);
  expect(publish.body.error.message).toMatch(/Publish and archive submissions/);
  const asPublisher = await world.publisher.get(`/submissions/items/${draft.id}`);
  expect(asPublisher.body.data.allowedActions).toEqual(['publish']);
});

it('gives councils no way to reach the editors queue with their token, nor editors the council API', async () => {
  expect((await world.councilA.get('/submissions/queue')).status).toBe(401);
  expect((await world.reviewer.get(`/api/submissions/${idA}`)).status).toBe(401);
  // A complete answer set is still refused to someone not signed in.
  expect((await world.anonymous.post('/api/submissions', completeAnswers(world.topics))).status).toBe(403);
});

it('offers no way to edit or delete history: not GraphQL, not the content manager, even to a super admin', async () => {
  const gql = await app
    .http()
    .post('/graphql')
    .send({ query: '{ reviewEvents { action } submissions { title } }' });
  expect(gql.body.errors.map((e: { message: string }) => e.message).join(' ')).toMatch(
    /Cannot query field "reviewEvents"/
  );
  const mutation = await app
    .http()
    .post('/graphql')
    .send({ query: 'mutation { deleteReviewEvent(documentId: "x") { documentId } }' });
  expect(mutation.body.errors.map((e: { message: string }) => e.message).join(' ')).toMatch(
    /Cannot query field "deleteReviewEvent"/
  );

  const superAdmin = await editor(app, 'root@lga.test', 'Super Admin');
  const draft = await draftOf(world);
  await world.councilA.post(`/api/submissions/${draft.id}/actions/submit`, { version: draft.version });
  const events = await app.strapi.db.query('plugin::submissions.review-event').findMany({ limit: 1 });
  expect(events[0].documentId).toEqual(expect.any(String));
  const path = `/content-manager/collection-types/plugin::submissions.review-event`;
  const rewrite = await superAdmin.put(`${path}/${events[0].documentId}`, { message: 'rewritten' });
  expect(rewrite.status).toBe(403);
  expect((await superAdmin.delete(`${path}/${events[0].documentId}`)).status).toBe(403);
  const after = await app.strapi.db
    .query('plugin::submissions.review-event')
    .findOne({ where: { id: events[0].id } });
  expect(after).toEqual(events[0]);
});
