import fs from 'fs';
import path from 'path';
import { randomBytes } from 'crypto';
import contentDisposition from 'content-disposition';
import supertest from 'supertest';
import { startListeningApp, type ListeningApp } from '../helpers/browser';
import {
  compoundFile,
  docx,
  HTML,
  JPEG,
  openDocument,
  PDF,
  PNG,
  PNG_THEN_HTML,
  SCRIPT,
  SVG,
  TEXT,
} from '../helpers/office-files';
import { createOfficer, csrfOf, PASSWORD } from '../site/council-helpers';
import { superAdminToken } from './helpers';

let app: ListeningApp;
let admin: string;
let officer: string;
let draftId: string;

beforeAll(async () => {
  app = await startListeningApp('security_inputs');
  admin = await superAdminToken(app.strapi, app.baseUrl);
  await createOfficer(app.strapi, 'ann@bristol.gov.uk');
  officer = (
    await http().post('/api/auth/local').send({ identifier: 'ann@bristol.gov.uk', password: PASSWORD })
  ).body.jwt;
  draftId = (await council().post('/api/submissions').send({ title: 'Attachments' })).body.data.id;
}, 180_000); // booting Strapi on a busy shared machine can take more than the default minute
afterAll(async () => app?.close());

const http = () => supertest(app.baseUrl);
const council = () => {
  const agent = supertest.agent(app.baseUrl);
  agent.set('Authorization', `Bearer ${officer}`);
  return agent;
};
const files = () => app.strapi.db.query('plugin::upload.file');

/** Through the council's attachments route. */
const attach = (content: Buffer, filename: string, contentType: string) =>
  council()
    .post(`/api/submissions/${draftId}/attachments`)
    .attach('file', content, { filename, contentType });
/** Through the admin's media library. */
const mediaUpload = (content: Buffer, filename: string, contentType: string) =>
  http()
    .post('/upload')
    .set('Authorization', `Bearer ${admin}`)
    .attach('files', content, { filename, contentType });

/** A stored file as its reader gets it: a submission's file by its officer (it is private), media by anyone. */
async function served(url: string, reader = http()) {
  const res = await reader.get(url).buffer(true);
  return {
    status: res.status,
    type: res.headers['content-type'],
    nosniff: res.headers['x-content-type-options'],
    csp: res.headers['content-security-policy'],
    // The disposition's type (attachment or inline); private files name themselves too.
    disposition:
      res.headers['content-disposition'] && contentDisposition.parse(res.headers['content-disposition']).type,
  };
}
const SAFE_HEADERS = { nosniff: 'nosniff', csp: "sandbox; default-src 'none'" };

describe('uploads that could run are never stored', () => {
  it.each([
    ['text/plain named .html', HTML, 'page.html', 'text/plain'],
    ['an SVG', SVG, 'logo.svg', 'image/svg+xml'],
    ['an SVG declared as text', SVG, 'logo.svg', 'text/plain'],
    ['a PNG header followed by HTML, named .html', PNG_THEN_HTML, 'poly.html', 'image/png'],
    ['a PNG header followed by HTML, named .png', PNG_THEN_HTML, 'poly.png', 'image/png'],
    ['HTML named .txt', HTML, 'notes.txt', 'text/plain'],
  ])('%s: refused by the attachments route and the media library', async (_label, content, name, type) => {
    const before = await files().count();
    const attached = await attach(content, name, type);
    expect(attached.status).toBe(400);
    expect(attached.body.error.details.errors[0].path).toEqual(['file']);
    const media = await mediaUpload(content, name, type);
    expect(media.status).toBe(400);
    expect(await files().count()).toBe(before);
  });

  it('a script declared text/plain and named .js: stored as text (.txt), served as a download; the media library refuses the name', async () => {
    const res = await attach(SCRIPT, 'evil.js', 'text/plain');
    expect(res.status).toBe(201);
    const stored = res.body.data.attachments.at(-1);
    expect(stored).toMatchObject({ name: 'evil.txt', mime: 'text/plain' });
    expect(await served(stored.url, council())).toMatchObject({
      status: 200,
      type: 'text/plain; charset=utf-8',
      disposition: 'attachment',
      ...SAFE_HEADERS,
    });
    // Strapi's own first check of the media library goes by the name, and refuses .js outright.
    expect((await mediaUpload(SCRIPT, 'evil.js', 'text/plain')).status).toBe(400);
    const asText = await mediaUpload(SCRIPT, 'evil.txt', 'text/plain');
    expect(asText.status).toBe(201);
    expect(asText.body[0]).toMatchObject({ ext: '.txt', mime: 'text/plain' });
  });
});

describe('what is stored is typed by its content, and named after it', () => {
  it.each([
    ['a PDF named .html', PDF, 'report.html', 'text/html', 'application/pdf', '.pdf'],
    [
      'a Word file named .exe',
      docx(),
      'plan.exe',
      'application/octet-stream',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      '.docx',
    ],
    [
      'an OpenDocument text',
      openDocument('text'),
      'plan.odt',
      'application/vnd.oasis.opendocument.text',
      'application/vnd.oasis.opendocument.text',
      '.odt',
    ],
    [
      'a Word 97 file',
      compoundFile(['WordDocument']),
      'old.doc',
      'application/msword',
      'application/msword',
      '.doc',
    ],
    ['plain text', TEXT, 'notes.txt', 'text/plain', 'text/plain', '.txt'],
  ])('%s (attachments route)', async (_label, content, name, type, mime, ext) => {
    const res = await attach(content, name, type);
    expect(res.status).toBe(201);
    const stored = res.body.data.attachments.at(-1);
    expect(stored.mime).toBe(mime);
    expect(stored.name).toBe(name.replace(/\.[^.]+$/, ext));
    expect(await served(stored.url, council())).toMatchObject({
      status: 200,
      disposition: 'attachment',
      ...SAFE_HEADERS,
    });
  });

  it.each([
    ['a Word file', docx(), 'plan.docx', '.docx'],
    ['a Word 97 file', compoundFile(['WordDocument']), 'old.doc', '.doc'],
    ['a PDF', PDF, 'report.pdf', '.pdf'],
  ])('%s (media library)', async (_label, content, name, ext) => {
    const res = await mediaUpload(content, name, 'application/octet-stream');
    expect(res.status).toBe(201);
    expect(res.body[0].ext).toBe(ext);
    expect(await served(res.body[0].url)).toMatchObject({ disposition: 'attachment', ...SAFE_HEADERS });
  });

  it.each([
    ['PNG', PNG, 'photo.png', 'image/png'],
    ['JPEG', JPEG, 'photo.jpeg', 'image/jpeg'],
  ])(
    'a %s image is served inline, typed, with nosniff and the sandbox',
    async (_label, content, name, type) => {
      // A submission's (private) image, to its officer: inline, with its name.
      const attached = await attach(content, name, type);
      expect(attached.status).toBe(201);
      const privately = await served(attached.body.data.attachments.at(-1).url, council());
      expect(privately).toMatchObject({ status: 200, type, disposition: 'inline', ...SAFE_HEADERS });
      // A media-library image, to anyone: inline.
      const media = await mediaUpload(content, name, type);
      expect(media.status).toBe(201);
      const publicly = await served(media.body[0].url);
      expect(publicly).toMatchObject({ status: 200, type, ...SAFE_HEADERS });
      expect(publicly.disposition).toBeUndefined();
    }
  );

  it('a media-library file is replaced only by content of the same kind', async () => {
    const [image] = (await mediaUpload(PNG, 'cover.png', 'image/png')).body;
    const replace = (content: Buffer, name: string) =>
      http()
        .post(`/upload?id=${image.id}`)
        .set('Authorization', `Bearer ${admin}`)
        .attach('files', content, { filename: name, contentType: 'image/png' });
    expect((await replace(HTML, 'cover.png')).status).toBe(400);
    expect((await replace(PDF, 'cover.png')).status).toBe(400);
    expect((await replace(JPEG, 'cover.png')).status).toBe(400);
    expect((await replace(PNG, 'cover-2.png')).status).toBe(200);
    expect(await files().findOne({ where: { id: image.id } })).toMatchObject({
      ext: '.png',
      mime: 'image/png',
    });
  });

  it('no path into the file table stores another type (the table itself refuses)', async () => {
    await expect(
      files().create({
        data: {
          name: 'x.svg',
          hash: 'x',
          ext: '.svg',
          mime: 'image/svg+xml',
          size: 1,
          url: '/uploads/x.svg',
          provider: 'local',
        },
      })
    ).rejects.toThrow(/cannot be stored/);
  });
});

it('files stored before these rules are served so that they cannot run either', async () => {
  const name = `legacy-${randomBytes(4).toString('hex')}`;
  const dir = path.join(app.strapi.dirs.static.public, 'uploads');
  const written = ['.html', '.svg', '.js'].map((ext) => path.join(dir, `${name}${ext}`));
  written.forEach((file) => fs.writeFileSync(file, HTML));
  try {
    for (const ext of ['.html', '.svg', '.js']) {
      expect(await served(`/uploads/${name}${ext}`)).toMatchObject({
        status: 200,
        disposition: 'attachment',
        ...SAFE_HEADERS,
      });
    }
  } finally {
    written.forEach((file) => fs.rmSync(file, { force: true }));
  }
});

describe('control characters answer 400 naming the field, on every route', () => {
  const submissionsCount = () => app.strapi.db.query('plugin::submissions.submission').count();

  it('in a JSON body of the content API (NUL, other C0, a lone surrogate)', async () => {
    const before = await submissionsCount();
    const nul = await council().post('/api/submissions').send({ title: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect(nul.body.error).toMatchObject({
      message: 'title: must not contain control characters',
      details: { errors: [{ path: ['title'], message: 'must not contain control characters' }] },
    });
    const nested = await council()
      .post('/api/submissions')
      .send({ title: 'ok', contact: { name: 'Jo\u0007' } });
    expect(nested.body.error.message).toBe('contact.name: must not contain control characters');
    const surrogate = await council()
      .post('/api/submissions')
      .set('Content-Type', 'application/json')
      .send('{"title":"a\\ud800b"}');
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.error.message).toBe('title: must not contain control characters');
    expect(await submissionsCount()).toBe(before);
  });

  it('keeps tabs and line breaks in multi-line text', async () => {
    const res = await council()
      .put(`/api/submissions/${draftId}`)
      .send({
        version: (await council().get(`/api/submissions/${draftId}`)).body.data.version,
        summary: 'One\r\n\ttwo',
      });
    expect(res.status).toBe(200);
  });

  it('in a filter, a sort and the path of a public read', async () => {
    const filter = await http().get('/api/case-studies?filters[title][$containsi]=a%00b');
    expect(filter.status).toBe(400);
    expect(filter.body.error.message).toBe('filters[title][$containsi]: must not contain control characters');
    expect((await http().get('/api/case-studies?sort=title%01:asc')).body.error.message).toBe(
      'sort: must not contain control characters'
    );
    const pathParam = await http().get('/api/case-studies/abc%00def');
    expect(pathParam.status).toBe(400);
    expect(pathParam.body.error.message).toBe('path: must not contain control characters');
    expect((await http().get('/api/case-studies/search?q=a%00b')).status).toBe(400);
  });

  it('in GraphQL variables', async () => {
    const res = await http()
      .post('/graphql')
      .send({
        query: 'query($t: String) { caseStudies(filters: { title: { containsi: $t } }) { title } }',
        variables: { t: 'a\u0000b' },
      });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toBe('variables.t: must not contain control characters');
  });

  it('in the admin API', async () => {
    const res = await http()
      .post('/content-manager/collection-types/api::topic.topic')
      .set('Authorization', `Bearer ${admin}`)
      .send({ name: 'Nul\u0000topic' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('name: must not contain control characters');
    expect(
      await app.strapi.db.query('api::topic.topic').count({ where: { name: { $contains: 'topic' } } })
    ).toBe(0);
  });

  it("in the council site's forms: the form again (422), the field named and linked, nothing saved", async () => {
    const browser = supertest.agent(app.baseUrl);
    const signIn = await browser.get('/submit/sign-in').expect(200);
    const refused = await browser
      .post('/submit/sign-in')
      .type('form')
      .send({ _csrf: csrfOf(signIn.text), email: 'ann@bristol.gov.uk\u0000', password: PASSWORD });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('href="#email"');

    const signedIn = await browser
      .post('/submit/sign-in')
      .type('form')
      .send({ _csrf: csrfOf(signIn.text), email: 'ann@bristol.gov.uk', password: PASSWORD });
    expect(signedIn.status).toBe(302);
    const page = await browser.get(`/submit/submissions/${draftId}/title`).expect(200);
    const res = await browser
      .post(`/submit/submissions/${draftId}/title`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), title: 'Before\u0000after' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('href="#title"');
    expect(res.text).toContain('must not contain control characters');
    const saved = await app.strapi.db
      .query('plugin::submissions.submission')
      .findOne({ where: { documentId: draftId }, select: ['title'] });
    expect(saved.title).toBe('Attachments');
  });

  it('but not in the bytes of an uploaded file', async () => {
    expect(PNG.includes(0)).toBe(true);
    expect((await attach(PNG, 'binary.png', 'image/png')).status).toBe(201);
  });
});

describe('multipart bodies are bounded before any route runs', () => {
  // Strapi parses multipart (writing files to a temporary folder) for every request, anonymous
  // included; the default allowed 200 MB a file. UPLOAD_SIZE_LIMIT_BYTES is 20 MB by default.
  it('an anonymous file over the upload limit is refused with 413 in the API error shape', async () => {
    const res = await app
      .http()
      .post('/api/case-studies')
      .attach('file', Buffer.alloc(21 * 1024 * 1024, 1), { filename: 'big.bin', contentType: 'application/octet-stream' });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ status: 413, name: 'PayloadTooLargeError' });
  });

  it('as are files that only together exceed it, and form fields over a megabyte', async () => {
    let req = app.http().post('/api/case-studies');
    for (let i = 0; i < 3; i++)
      req = req.attach('file', Buffer.alloc(8 * 1024 * 1024, 1), { filename: `f${i}.bin`, contentType: 'application/octet-stream' });
    expect((await req).status).toBe(413);
    const fields = await app.http().post('/api/case-studies').field('data', 'x'.repeat(1024 * 1024 + 1));
    expect(fields.status).toBe(413);
    expect(fields.body.error).toMatchObject({ status: 413, name: 'PayloadTooLargeError', message: expect.stringMatching(/maxFieldsSize/) });
  });
});
