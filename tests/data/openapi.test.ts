import fs from 'fs';
import path from 'path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { TEST_DB } from '../helpers/database';
import { councilOfficer, topicIds, type Caller } from '../submissions/world';
import { specValidators } from './openapi-schemas';

type Spec = {
  openapi: string;
  info: Record<string, unknown>;
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, { security?: unknown[]; parameters?: Array<{ name: string; in: string }> }>>;
};

let app: TestApp;
let spec: Spec;
let validators: ReturnType<typeof specValidators>;
const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));

beforeAll(async () => {
  app = await startTestApp('openapi', { API_CONTACT_EMAIL: 'open-data@example.gov.uk', API_CONTACT_NAME: 'Open data team' });
  const res = await app.http().get('/documentation/openapi.json');
  expect(res.status).toBe(200);
  spec = JSON.parse(res.text);
  validators = specValidators(spec as never);
});
afterAll(() => app?.close());

/** Calls a documented route and checks the answer against the document: status, and body by schema. */
async function expectDocumented(
  req: { then: unknown } & PromiseLike<{ status: number; body: unknown; text: string }>,
  route: string,
  method: string,
  status: string
) {
  const res = await req;
  expect(`${method.toUpperCase()} ${route} -> ${res.status}: ${res.text.slice(0, 300)}`).toBe(
    `${method.toUpperCase()} ${route} -> ${status}: ${res.text.slice(0, 300)}`
  );
  const validate = validators.response(route, method, status);
  if (!validate(res.body)) throw new Error(`${method} ${route} ${status} does not match the spec:\n${validators.errorsOf(validate)}`);
  return res;
}

describe(`OpenAPI document (${TEST_DB})`, () => {
  test('is valid OpenAPI 3 with real info: version from package.json, licence and contact from configuration', async () => {
    await SwaggerParser.validate(JSON.parse(JSON.stringify(spec)));
    expect(spec.openapi).toMatch(/^3\.0\./);
    expect(spec.info.version).toBe(pkg.version);
    expect(spec.info.license).toEqual({
      name: 'Open Government Licence v3.0',
      url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
    });
    expect(spec.info.contact).toEqual({ name: 'Open data team', email: 'open-data@example.gov.uk' });
    expect(JSON.stringify(spec)).not.toMatch(/TEAM|contact-email@something|mywebsite\.io|YOUR_TERMS_OF_SERVICE_URL|Apache/);
    expect(spec.servers[0].url).toBe('http://127.0.0.1:1337/api');
    // The Swagger UI page shows this same document.
    const page = await app.http().get('/documentation');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`"version":"${pkg.version}"`);
  });

  test('presents nothing the public cannot use: no /upload, no write routes of the library types', () => {
    expect(Object.keys(spec.paths).filter((p) => p.startsWith('/upload'))).toEqual([]);
    for (const type of ['/case-studies', '/topics', '/support-types', '/councils']) {
      for (const p of [type, `${type}/{documentId}`]) expect(Object.keys(spec.paths[p])).toEqual(['get']);
    }
    for (const [p, ops] of Object.entries(spec.paths))
      for (const [method, op] of Object.entries(ops)) {
        if (method === 'servers') continue;
        const isPublic = Array.isArray(op.security) && op.security.length === 0;
        const council = p.startsWith('/submissions') && p !== '/submissions/template';
        expect(`${method} ${p} ${isPublic ? 'public' : 'token'}`).toBe(`${method} ${p} ${council ? 'token' : 'public'}`);
      }
  });

  test('documents every public content-API GET the server has, and only routes it has', () => {
    const served = new Set(
      app.strapi.server
        .listRoutes()
        .flatMap((layer: { methods: string[]; path: string }) => layer.methods.map((m) => `${m} ${layer.path.replace(/:[A-Za-z]+/g, '{}')}`))
    );
    const documented = Object.entries(spec.paths).flatMap(([p, ops]) =>
      Object.keys(ops)
        .filter((m) => m !== 'servers')
        .map((m) => `${m.toUpperCase()} ${(p.startsWith('/case-studies/export') || p.endsWith('.atom') ? '' : '/api')}${p.replace(/\{[A-Za-z]+\}/g, '{}')}`)
    );
    for (const route of documented) expect(served.has(route) ? route : `not served: ${route}`).toBe(route);
    const mustBeDocumented = ['/api/case-studies', '/api/topics', '/api/support-types', '/api/councils', '/api/case-studies/search', '/api/case-studies/suggest', '/api/submissions/template']
      .filter((p) => served.has(`GET ${p}`));
    for (const p of mustBeDocumented) expect(documented).toContain(`GET ${p}`);
  });

  test('every documented public GET answers what the document says (live responses, closed schemas)', async () => {
    const api = (p: string) => app.http().get(`/api${p}`);
    const list = await expectDocumented(api('/case-studies?populate=*'), '/case-studies', 'get', '200');
    const study = (list.body as { data: Array<{ documentId: string }> }).data[0];
    await expectDocumented(api('/case-studies?fields[0]=title&fields[1]=slug&pagination[pageSize]=2'), '/case-studies', 'get', '200');
    await expectDocumented(api('/case-studies?pagination[start]=0&pagination[limit]=3'), '/case-studies', 'get', '200');
    await expectDocumented(api(`/case-studies/${study.documentId}?populate=*`), '/case-studies/{documentId}', 'get', '200');
    await expectDocumented(api(`/case-studies/${study.documentId}`), '/case-studies/{documentId}', 'get', '200');
    await expectDocumented(api('/case-studies?populate[topics]=true&populate[relatedCaseStudies][populate][0]=topics'), '/case-studies', 'get', '200');
    await expectDocumented(api('/case-studies?nonsense=1'), '/case-studies', 'get', '400');
    for (const type of ['/topics', '/support-types', '/councils']) {
      const rows = await expectDocumented(api(`${type}?populate=*`), type, 'get', '200');
      const first = (rows.body as { data: Array<{ documentId: string }> }).data[0];
      await expectDocumented(api(`${type}/${first.documentId}`), `${type}/{documentId}`, 'get', '200');
    }
    await expectDocumented(api('/case-studies/search?q=school&topics=prevent,children-and-young-people&pageSize=5'), '/case-studies/search', 'get', '200');
    await expectDocumented(api('/case-studies/search'), '/case-studies/search', 'get', '200');
    await expectDocumented(api('/case-studies/search?pageSize=500'), '/case-studies/search', 'get', '400');
    if (spec.paths['/case-studies/suggest']) {
      await expectDocumented(api('/case-studies/suggest?q=sch'), '/case-studies/suggest', 'get', '200');
      await expectDocumented(api('/case-studies/suggest'), '/case-studies/suggest', 'get', '400');
    }
    await expectDocumented(api('/submissions/template'), '/submissions/template', 'get', '200');
    await expectDocumented(app.http().get('/case-studies/export.json?topics=prevent'), '/case-studies/export.json', 'get', '200');
    await expectDocumented(app.http().get('/case-studies/export.json?sort=title'), '/case-studies/export.json', 'get', '400');
  });

  test('an undocumented field or a wrong type fails the check', () => {
    const validate = validators.response('/topics/{documentId}', 'get', '200');
    const topic = { id: 1, documentId: 'abc', name: 'Prevent', slug: 'prevent', description: null, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', publishedAt: null };
    expect(validate({ data: topic, meta: {} })).toBe(true);
    expect(validate({ data: { ...topic, emailDomains: ['x.gov.uk'] }, meta: {} })).toBe(false);
    expect(validate({ data: { ...topic, id: '1' }, meta: {} })).toBe(false);
  });

  describe('the council routes, with a real officer\'s token', () => {
    let officer: Caller;
    beforeAll(async () => {
      officer = await councilOfficer(app, 'openapi.officer@bristol.gov.uk');
    });

    const sent = (route: string, method: string, body: unknown, type?: string) => {
      const validate = validators.requestBody(route, method, type);
      if (!validate(body)) throw new Error(`the request we send to ${method} ${route} is not what the spec documents: ${validators.errorsOf(validate)}`);
      return body;
    };

    test('sign in, list, create, read, update, attach, detach and withdraw match the document', async () => {
      await expectDocumented(
        app.http().post('/api/auth/local').send(sent('/auth/local', 'post', { identifier: 'openapi.officer@bristol.gov.uk', password: 'Corr3ct-horse-battery' })),
        '/auth/local', 'post', '200'
      );
      await expectDocumented(officer.get('/api/submissions'), '/submissions', 'get', '200');
      const [prevent] = await topicIds(app, 'prevent');
      const draft = { title: 'Bristol City Council: a contract test', summary: 'Checked against the document.', topics: [prevent], answers: { challenge: 'One.' }, contact: { name: 'Jo', role: null, email: 'jo@bristol.gov.uk' } };
      const created = await expectDocumented(officer.post('/api/submissions', sent('/submissions', 'post', draft)), '/submissions', 'post', '201');
      const { id, version } = (created.body as { data: { id: string; version: number } }).data;
      await expectDocumented(officer.get(`/api/submissions/${id}`), '/submissions/{id}', 'get', '200');
      await expectDocumented(officer.get('/api/submissions?page=1&pageSize=5'), '/submissions', 'get', '200');
      const updated = await expectDocumented(
        officer.put(`/api/submissions/${id}`, sent('/submissions/{id}', 'put', { version, summary: 'Still checked.' })),
        '/submissions/{id}', 'put', '200'
      );
      const withFile = await expectDocumented(
        app.http().post(`/api/submissions/${id}/attachments`).set('Authorization', `Bearer ${officer.token}`).attach('file', Buffer.from('Plain notes.\n'), 'notes.txt'),
        '/submissions/{id}/attachments', 'post', '201'
      );
      const file = (withFile.body as { data: { attachments: Array<{ id: string }>; version: number } }).data;
      const download = await officer.get(`/api/submissions/${id}/attachments/${file.attachments[0].id}`);
      expect(download.status).toBe(200);
      const removed = await expectDocumented(officer.delete(`/api/submissions/${id}/attachments/${file.attachments[0].id}`), '/submissions/{id}/attachments/{fileId}', 'delete', '200');
      const now = (removed.body as { data: { version: number } }).data.version;
      expect(now).toBeGreaterThan((updated.body as { data: { version: number } }).data.version);
      await expectDocumented(officer.post(`/api/submissions/${id}/actions/withdraw`, sent('/submissions/{id}/actions/{action}', 'post', { version: now })), '/submissions/{id}/actions/{action}', 'post', '200');
      // Errors are documented too: a stale version, someone else's id, no token.
      await expectDocumented(officer.put(`/api/submissions/${id}`, { version: 1, title: 'x' }), '/submissions/{id}', 'put', '409');
      await expectDocumented(officer.get('/api/submissions/999999'), '/submissions/{id}', 'get', '404');
      await expectDocumented(app.http().get('/api/submissions'), '/submissions', 'get', '403');
      await expectDocumented(app.http().get('/api/submissions').set('Authorization', 'Bearer not-a-token'), '/submissions', 'get', '401');
    });
  });
});
