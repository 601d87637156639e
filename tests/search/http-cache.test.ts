import { startTestApp, createFullAccessToken, type TestApp } from '../helpers/strapi';
import { UID } from './corpus';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp('search_http_cache');
});
afterAll(() => app?.close());

describe('ETag and Cache-Control on public reads', () => {
  it.each([
    '/api/case-studies',
    '/api/case-studies/search?topics=prevent',
    '/api/topics',
    '/api/support-types',
    '/api/councils',
  ])('%s: revalidates, and answers 304 while nothing changed', async (url) => {
    const first = await app.http().get(url);
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('public, no-cache');
    const again = await app.http().get(url).set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
  });

  it('a publish and an unpublish change the ETag at once', async () => {
    const url = '/api/case-studies/search?topics=prevent';
    const before = await app.http().get(url);
    const topic = await app.strapi
      .documents('api::topic.topic')
      .findFirst({ filters: { slug: 'prevent' } } as never);
    const created = await app.strapi.documents(UID).create({
      data: { title: 'Cache busting study', summary: 'New.', topics: [topic!.documentId] },
    } as never);
    // A draft changes nothing public.
    expect((await app.http().get(url).set('If-None-Match', before.headers.etag)).status).toBe(304);

    await app.strapi.documents(UID).publish({ documentId: created.documentId } as never);
    const afterPublish = await app.http().get(url).set('If-None-Match', before.headers.etag);
    expect(afterPublish.status).toBe(200);
    expect(afterPublish.body.meta.pagination.total).toBe(before.body.meta.pagination.total + 1);

    const list = await app.http().get('/api/case-studies');
    await app.strapi.documents(UID).unpublish({ documentId: created.documentId } as never);
    const afterUnpublish = await app.http().get(url).set('If-None-Match', afterPublish.headers.etag);
    expect(afterUnpublish.status).toBe(200);
    expect(afterUnpublish.body).toEqual(before.body);
    expect((await app.http().get('/api/case-studies').set('If-None-Match', list.headers.etag)).status).toBe(
      200
    );
  });

  it('leaves authenticated requests and errors alone', async () => {
    const token = await createFullAccessToken(app.strapi, 'cache');
    const authed = await app.http().get('/api/case-studies').set('Authorization', `Bearer ${token}`);
    expect(authed.status).toBe(200);
    expect(authed.headers.etag).toBeUndefined();
    const bad = await app.http().get('/api/case-studies/search?page=0');
    expect(bad.status).toBe(400);
    expect(bad.headers.etag).toBeUndefined();
  });
});
