import { startTestApp, type TestApp } from '../helpers/strapi';
import { buildWorld, councilAct, draftOf, type World } from './world';

let app: TestApp;
let world: World;
beforeAll(async () => {
  app = await startTestApp('attachments');
  world = await buildWorld(app);
});
afterAll(() => app?.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const attach = (who = world.councilA, id: string, content: Buffer, filename: string, contentType: string) =>
  app
    .http()
    .post(`/api/submissions/${id}/attachments`)
    .set('Authorization', `Bearer ${who.token}`)
    .attach('file', content, { filename, contentType });

it('attaches a PDF to a draft, and a colleague can remove it', async () => {
  const draft = await draftOf(world);
  const res = await attach(world.councilA, draft.id, PDF, 'evaluation.pdf', 'application/pdf');
  expect(res.status).toBe(201);
  expect(res.body.data.attachments).toHaveLength(1);
  expect(res.body.data.attachments[0]).toMatchObject({ name: 'evaluation.pdf', mime: 'application/pdf' });
  expect(res.body.data.version).toBe(2);
  const removed = await app
    .http()
    .delete(`/api/submissions/${draft.id}/attachments/${res.body.data.attachments[0].id}`)
    .set('Authorization', `Bearer ${world.councilA2.token}`);
  expect(removed.status).toBe(200);
  expect(removed.body.data.attachments).toEqual([]);
});

it('refuses a file whose content is not an allowed type, whatever its name says', async () => {
  const draft = await draftOf(world);
  const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);
  const res = await attach(world.councilA, draft.id, exe, 'report.pdf', 'application/pdf');
  expect(res.status).toBe(400);
  expect(res.body.error.details.errors[0].path).toEqual(['file']);
  const html = await attach(
    world.councilA,
    draft.id,
    Buffer.from('<html><script>alert(1)</script></html>'),
    'page.html',
    'text/html'
  );
  expect(html.status).toBe(400);
  expect((await world.councilA.get(`/api/submissions/${draft.id}`)).body.data.attachments).toEqual([]);
});

it('refuses a file over the size limit', async () => {
  const draft = await draftOf(world);
  const big = Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024, 32)]);
  const res = await attach(world.councilA, draft.id, big, 'big.pdf', 'application/pdf');
  expect(res.status).toBe(400);
  expect(res.body.error.message).toMatch(/10 MB or smaller/);
});

it('refuses attachments from another council and after submission', async () => {
  const draft = await draftOf(world);
  expect((await attach(world.councilB, draft.id, PDF, 'x.pdf', 'application/pdf')).status).toBe(404);
  await councilAct(world.councilA, draft.id, 'submit', { version: 1 });
  const late = await attach(world.councilA, draft.id, PDF, 'late.pdf', 'application/pdf');
  expect(late.status).toBe(409);
  expect(
    (
      await app
        .http()
        .post(`/api/submissions/${draft.id}/attachments`)
        .set('Authorization', `Bearer ${world.councilA.token}`)
    ).status
  ).toBe(409);
});

it('refuses a request without a file, naming the field', async () => {
  const draft = await draftOf(world);
  const res = await app
    .http()
    .post(`/api/submissions/${draft.id}/attachments`)
    .set('Authorization', `Bearer ${world.councilA.token}`)
    .send({});
  expect(res.status).toBe(400);
  expect(res.body.error.details.errors[0].path).toEqual(['file']);
});
