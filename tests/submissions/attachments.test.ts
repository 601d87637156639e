import fs from 'fs';
import path from 'path';
import { startTestApp, type TestApp } from '../helpers/strapi';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const migration = require('../../database/migrations/2026.11.27T03.00.00.private-attachments.js');
import { buildWorld, councilAct, draftOf, editorAct, type Caller, type World } from './world';
import { PDF, PNG } from '../helpers/office-files';

let app: TestApp;
let world: World;
beforeAll(async () => {
  app = await startTestApp('attachments');
  world = await buildWorld(app);
});
afterAll(() => app?.close());

const FAKE_ID = 'ab'.repeat(16);
/** A PDF no other test uploads, so its bytes can be looked for on disk. */
const uniquePdf = (tag: string) => Buffer.concat([PDF, Buffer.from(`% ${tag} ${Date.now()}\n`)]);

const attach = (
  who: Caller,
  id: string,
  content: Buffer,
  filename: string,
  contentType: string,
  fields: Record<string, string> = {}
) => {
  const req = app
    .http()
    .post(`/api/submissions/${id}/attachments`)
    .set('Authorization', `Bearer ${who.token}`);
  for (const [name, value] of Object.entries(fields)) req.field(name, value);
  return req.attach('file', content, { filename, contentType });
};
const download = (who: Caller, url: string) => {
  const req = app
    .http()
    .get(url)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  return who.token ? req.set('Authorization', `Bearer ${who.token}`) : req;
};

/** Every file under public/ whose bytes are these: where the public could fetch them from. */
function publicCopies(bytes: Buffer): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (fs.statSync(full).size === bytes.length && fs.readFileSync(full).equals(bytes))
        found.push(full);
    }
  };
  walk(app.strapi.dirs.static.public);
  return found;
}

it('attaches a PDF to a draft, and a colleague can remove it', async () => {
  const draft = await draftOf(world);
  const res = await attach(world.councilA, draft.id, PDF, 'evaluation.pdf', 'application/pdf');
  expect(res.status).toBe(201);
  expect(res.body.data.attachments).toHaveLength(1);
  const [file] = res.body.data.attachments;
  expect(file).toMatchObject({
    name: 'evaluation.pdf',
    mime: 'application/pdf',
    size: PDF.length,
    isImage: false,
  });
  expect(file.id).toMatch(/^[a-f0-9]{32}$/);
  expect(file.url).toBe(`/api/submissions/${draft.id}/attachments/${file.id}`);
  expect(res.body.data.version).toBe(2);
  const removed = await world.councilA2.delete(`/api/submissions/${draft.id}/attachments/${file.id}`);
  expect(removed.status).toBe(200);
  expect(removed.body.data.attachments).toEqual([]);
  expect((await download(world.councilA, file.url)).status).toBe(404);
});

it('keeps unpublished files private: not under /uploads, 404 to another council, by URL and by guessing', async () => {
  const draft = await draftOf(world);
  const bytes = uniquePdf('private');
  const filesBefore = await app.strapi.db.query('plugin::upload.file').count({});
  const res = await attach(world.councilA, draft.id, bytes, 'budget.pdf', 'application/pdf');
  expect(res.status).toBe(201);
  const [file] = res.body.data.attachments;

  // Not in the media library, nowhere under public/, so no /uploads address serves it.
  expect(await app.strapi.db.query('plugin::upload.file').count({})).toBe(filesBefore);
  expect(publicCopies(bytes)).toEqual([]);
  for (const guess of [`/uploads/${file.id}`, `/uploads/${file.id}.pdf`, '/uploads/budget.pdf'])
    expect((await app.http().get(guess)).status).toBe(404);

  // Another council: 404 for the real file as for a made-up one; the public: refused alike.
  expect((await download(world.councilB, file.url)).status).toBe(404);
  expect((await download(world.councilB, `/api/submissions/${draft.id}/attachments/${FAKE_ID}`)).status).toBe(
    404
  );
  const publicReal = await download(world.anonymous, file.url);
  const publicGuess = await download(world.anonymous, `/api/submissions/${draft.id}/attachments/${FAKE_ID}`);
  expect(publicReal.status).not.toBe(200);
  expect(publicReal.status).toBe(publicGuess.status);
  expect((await download(world.councilA, `/api/submissions/${draft.id}/attachments/${FAKE_ID}`)).status).toBe(
    404
  );
  expect(
    (await download(world.councilA, `/api/submissions/${draft.id}/attachments/..%2F..%2Fpackage.json`)).status
  ).toBe(404);

  // The officers of that council and the editors get it, as a download that cannot run.
  for (const [who, url] of [
    [world.councilA2, file.url],
    [world.reviewer, `/submissions/items/${draft.id}/attachments/${file.id}`],
  ] as const) {
    const got = await download(who, url);
    expect(got.status).toBe(200);
    expect(Buffer.compare(got.body, bytes)).toBe(0);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-disposition']).toBe('attachment; filename="budget.pdf"');
    expect(got.headers['content-security-policy']).toContain('sandbox');
    expect(got.headers['cache-control']).toBe('private, no-store');
  }
  expect(
    (await download(world.reviewer, `/submissions/items/${draft.id}/attachments/${FAKE_ID}`)).status
  ).toBe(404);
  expect(
    (await download(world.councilA, `/submissions/items/${draft.id}/attachments/${file.id}`)).status
  ).toBe(401);
});

it('shows an image inline, still sandboxed', async () => {
  const draft = await draftOf(world);
  const res = await attach(world.councilA, draft.id, PNG, 'photo.png', 'image/png');
  const [file] = res.body.data.attachments;
  expect(file).toMatchObject({ isImage: true, mime: 'image/png' });
  const got = await download(world.councilA, file.url);
  expect(got.status).toBe(200);
  expect(got.headers['content-disposition']).toBe('inline; filename="photo.png"');
  expect(got.headers['content-security-policy']).toContain("default-src 'none'");
});

it('keeps all of five concurrent uploads, or tells the losers 409 when they pinned a version', async () => {
  const draft = await draftOf(world);
  const free = await Promise.all(
    [1, 2, 3, 4, 5].map((n) => attach(world.councilA, draft.id, PDF, `part-${n}.pdf`, 'application/pdf'))
  );
  expect(free.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
  const after = (await world.councilA.get(`/api/submissions/${draft.id}`)).body.data;
  expect(after.attachments.map((a: { name: string }) => a.name).sort()).toEqual([
    'part-1.pdf',
    'part-2.pdf',
    'part-3.pdf',
    'part-4.pdf',
    'part-5.pdf',
  ]);
  expect(after.version).toBe(6);

  const privateFiles = () => fs.readdirSync(process.env.PRIVATE_UPLOADS_DIR!).sort();
  const filesBefore = privateFiles();
  const pinned = await Promise.all(
    [6, 7, 8, 9, 10].map((n) =>
      attach(world.councilA, draft.id, PDF, `pinned-${n}.pdf`, 'application/pdf', { version: '6' })
    )
  );
  const statuses = pinned.map((r) => r.status).sort();
  expect(statuses).toEqual([201, 409, 409, 409, 409]);
  const final = (await world.councilA.get(`/api/submissions/${draft.id}`)).body.data;
  const winner = pinned.find((r) => r.status === 201)!.body.data.attachments.at(-1).name;
  expect(final.attachments.map((a: { name: string }) => a.name)).toEqual([
    ...after.attachments.map((a: { name: string }) => a.name),
    winner,
  ]);
  // Only the winner's file was kept in private storage: the losers' were deleted again.
  const winnerId = final.attachments.at(-1).id;
  expect(privateFiles()).toEqual([...filesBefore, winnerId].sort());
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

it('refuses a file over the size limit, and a bad version', async () => {
  const draft = await draftOf(world);
  const big = Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024, 32)]);
  const res = await attach(world.councilA, draft.id, big, 'big.pdf', 'application/pdf');
  expect(res.status).toBe(400);
  expect(res.body.error.message).toMatch(/10 MB or smaller/);
  const badVersion = await attach(world.councilA, draft.id, PDF, 'a.pdf', 'application/pdf', {
    version: 'two',
  });
  expect(badVersion.status).toBe(400);
  expect(badVersion.body.error.details.errors[0].path).toEqual(['version']);
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

describe('the cover image and publication', () => {
  it('lets the officer and then a reviewer choose the cover; publishing makes the files public media; archiving takes them down', async () => {
    const draft = await draftOf(world);
    const photo = (await attach(world.councilA, draft.id, PNG, 'library.png', 'image/png')).body.data
      .attachments[0];
    const second = await attach(world.councilA, draft.id, PNG, 'readers.png', 'image/png');
    const pdfBytes = uniquePdf('published');
    const withPdf = await attach(world.councilA, draft.id, pdfBytes, 'evaluation.pdf', 'application/pdf');
    const [, readers, pdf] = withPdf.body.data.attachments;
    expect(second.status).toBe(201);

    // The officer chooses in an update; only an image of this submission will do.
    const bad = await world.councilA.put(`/api/submissions/${draft.id}`, {
      version: 4,
      coverAttachment: pdf.id,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['coverAttachment']);
    expect(
      (await world.councilA.put(`/api/submissions/${draft.id}`, { version: 4, coverAttachment: FAKE_ID }))
        .status
    ).toBe(400);
    const chosen = await world.councilA.put(`/api/submissions/${draft.id}`, {
      version: 4,
      coverAttachment: photo.id,
    });
    expect(chosen.status).toBe(200);
    expect(chosen.body.data.coverAttachment).toBe(photo.id);
    expect(chosen.body.data.attachments.find((a: { id: string }) => a.id === photo.id).isCover).toBe(true);

    // In review, a reviewer changes it through the admin API (councils cannot reach that route).
    expect((await councilAct(world.councilA, draft.id, 'submit', { version: 5 })).status).toBe(200);
    expect((await editorAct(world.reviewer, draft.id, 'start_review', { version: 6 })).status).toBe(200);
    const cover = (who: Caller, body: unknown) => who.put(`/submissions/items/${draft.id}/cover`, body);
    expect((await cover(world.councilA, { version: 7, coverAttachment: readers.id })).status).toBe(401);
    expect((await cover(world.reviewer, { version: 6, coverAttachment: readers.id })).status).toBe(409);
    expect((await cover(world.reviewer, { version: 7, coverAttachment: pdf.id })).status).toBe(400);
    const byReviewer = await cover(world.reviewer, { version: 7, coverAttachment: readers.id });
    expect(byReviewer.status).toBe(200);
    expect(byReviewer.body.data.coverAttachment).toBe(readers.id);

    await editorAct(world.reviewer, draft.id, 'approve', { version: 8 });
    const published = await editorAct(world.publisher, draft.id, 'publish', { version: 9 });
    expect(published.status).toBe(200);

    // The case study has the cover and the other files as public media, in the REST API.
    const live = await app
      .http()
      .get(
        `/api/case-studies/${published.body.data.caseStudy.documentId}?populate[0]=coverImage&populate[1]=attachments`
      );
    expect(live.status).toBe(200);
    const { coverImage, attachments } = live.body.data;
    expect(coverImage).toMatchObject({ name: 'readers.png', mime: 'image/png' });
    expect(attachments.map((a: { name: string }) => a.name).sort()).toEqual([
      'evaluation.pdf',
      'library.png',
    ]);
    const publicPdf = attachments.find((a: { name: string }) => a.name === 'evaluation.pdf');
    expect(publicPdf.url).toMatch(/^\/uploads\//);
    for (const url of [coverImage.url, publicPdf.url]) expect((await app.http().get(url)).status).toBe(200);
    expect(publicCopies(pdfBytes)).toHaveLength(1);
    // The officer still has the private copies.
    expect((await download(world.councilA, pdf.url)).status).toBe(200);

    // Archived: the public copies are gone from the media library and /uploads; the private ones stay.
    const archived = await editorAct(world.publisher, draft.id, 'archive', {
      version: 10,
      message: 'Out of date',
    });
    expect(archived.status).toBe(200);
    // The copies are removed one by one after the archive commits, so each is waited for.
    for (const url of [publicPdf.url, coverImage.url]) {
      await waitFor(async () => (await app.http().get(url)).status === 404);
    }
    expect(
      await app.strapi.db
        .query('plugin::upload.file')
        .count({ where: { id: { $in: [coverImage.id, publicPdf.id] } } })
    ).toBe(0);
    expect(publicCopies(pdfBytes)).toEqual([]);
    const got = await download(world.councilA, pdf.url);
    expect(Buffer.compare(got.body, pdfBytes)).toBe(0);
  });

  it('moves files attached before they were private out of the media library (migration, then boot)', async () => {
    const draft = await draftOf(world);
    const bytes = uniquePdf('legacy');
    const tmp = path.join(process.env.PRIVATE_UPLOADS_DIR!, '..', `legacy-${Date.now()}.pdf`);
    fs.writeFileSync(tmp, bytes);
    const [uploaded] = await app.strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: { fileInfo: { name: 'old-report.pdf' } },
        files: {
          filepath: tmp,
          originalFilename: 'old-report.pdf',
          mimetype: 'application/pdf',
          size: bytes.length,
        },
      });
    fs.rmSync(tmp);
    const row = await app.strapi.db
      .query('plugin::submissions.submission')
      .findOne({ where: { documentId: draft.id } });
    // Linked as the old media field did, then the 2026.11.27T03 migration run over it.
    await app.strapi.db.connection('files_related_mph').insert({
      file_id: uploaded.id,
      related_id: row.id,
      related_type: 'plugin::submissions.submission',
      field: 'attachments',
      order: 1,
    });
    await migration.up(app.strapi.db.connection);
    expect(
      await app.strapi.db.connection('files_related_mph').where({ file_id: uploaded.id }).select('field')
    ).toEqual([{ field: 'legacyAttachments' }]);
    expect((await app.http().get(uploaded.url)).status).toBe(200);

    expect(await app.strapi.plugin('submissions').service('caseStudyMedia').adoptLegacy()).toBe(1);

    expect((await app.http().get(uploaded.url)).status).toBe(404);
    expect(publicCopies(bytes)).toEqual([]);
    const view = (await world.councilA.get(`/api/submissions/${draft.id}`)).body.data;
    expect(view.attachments).toEqual([
      expect.objectContaining({ name: 'old-report.pdf', mime: 'application/pdf' }),
    ]);
    const got = await download(world.councilA, view.attachments[0].url);
    expect(Buffer.compare(got.body, bytes)).toBe(0);
    // Running again (another process, the next boot) finds nothing more to move.
    expect(await app.strapi.plugin('submissions').service('caseStudyMedia').adoptLegacy()).toBe(0);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
