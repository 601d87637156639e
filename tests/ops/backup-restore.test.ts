import { execFile } from 'child_process';
import { createHash, randomBytes } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { AddressInfo } from 'net';
import { createTestDatabase, TEST_DB, type TestDatabase } from '../helpers/database';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { readTables } from './support/tables';
import { fillWorld } from './support/fill';

/**
 * npm run backup / npm run restore, end to end: a database filled as in use, backed up while the app
 * runs, restored into an empty database and empty upload folders, then compared table by table, row
 * by row, file by file, by the search's answers, and by signing in.
 */
const appDir = path.join(__dirname, '..', '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), `cs-backup-${randomBytes(3).toString('hex')}-`));
const backupDir = path.join(work, 'backup');
const publicA = path.join(work, 'public-a');
const publicB = path.join(work, 'public-b');
// Submissions' private files (unpublished attachments) live outside public/: backed up as a folder of their own.
const privateA = path.join(work, 'private-a');
const privateB = path.join(work, 'private-b');
const foldersA = { PUBLIC_DIR: publicA, PRIVATE_UPLOADS_DIR: privateA };
const foldersB = { PUBLIC_DIR: publicB, PRIVATE_UPLOADS_DIR: privateB };

let source: TestDatabase;
let target: TestDatabase;
let app: TestApp | undefined;

const script = (name: 'backup' | 'restore', args: string[], env: Record<string, string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [path.join(appDir, 'scripts', `${name}.js`), ...args],
      { cwd: appDir, env: { ...process.env, ...env }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    );
  });

const SEARCHES = [
  '',
  'q=reading',
  'q=children&sort=date',
  'topics=children-and-young-people',
  'q=council&page=2&pageSize=3',
];
const searchAnswers = async (running: TestApp) => {
  const answers: unknown[] = [];
  for (const query of SEARCHES) {
    const res = await running.http().get(`/api/case-studies/search?${query}`);
    expect(res.status).toBe(200);
    answers.push(res.body);
  }
  return answers;
};
const hashesOf = (dir: string) => {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join((entry as { parentPath?: string }).parentPath ?? entry.path, entry.name);
    files[path.relative(dir, full)] = createHash('sha256').update(fs.readFileSync(full)).digest('hex');
  }
  return files;
};

beforeAll(async () => {
  // Strapi's local upload provider wants its folder to exist (a deployment's volume would).
  for (const dir of [publicA, publicB]) fs.mkdirSync(path.join(dir, 'uploads'), { recursive: true });
  source = await createTestDatabase('backup_src');
  target = await createTestDatabase('backup_dst');
}, 60_000);
afterAll(async () => {
  await app?.close();
  await source?.drop();
  await target?.drop();
  fs.rmSync(work, { recursive: true, force: true });
});

it('backs up a database in use and restores it into an empty one: every row, file and answer the same', async () => {
  // --- a database in use: sample data, two council officers, editors, every state, attachments, template v2
  app = await startTestApp('backup', foldersA, { database: source });
  await new Promise<void>((resolve) => app!.strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(app.strapi.server.httpServer.address() as AddressInfo).port}`;
  const world = await fillWorld({ strapi: app.strapi, baseUrl });
  const outbox = app.strapi.plugin('submissions').service('outbox');
  await outbox.drain();
  const answersBefore = await searchAnswers(app);

  // --- the scripts' surface
  const help = await script('backup', ['--help'], {});
  expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: npm run backup -- DIR') });
  const unknown = await script('restore', ['--overwrite', backupDir], {});
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/Unknown option '--overwrite'/);
  expect((await script('backup', [], {})).code).toBe(2);

  // --- back up while the app runs
  const env = foldersA;
  const made = await script('backup', [backupDir], env);
  expect(made).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Backed up/) }); // (stderr shown if not)
  const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'));
  expect(manifest.database.client).toBe(TEST_DB);
  expect(manifest.database.migrations).toContain('2026.11.26T00.00.00.search-index.js');
  expect(manifest.folders['private-uploads'].length).toBeGreaterThanOrEqual(1);
  expect(manifest.folders.uploads.length + manifest.folders['private-uploads'].length).toBeGreaterThanOrEqual(
    10
  );
  expect((await script('backup', [backupDir], env)).stderr).toMatch(/is not empty/);

  // --- refuses a database that is not empty, and changes nothing there
  const refused = await script('restore', [backupDir], env);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/Nothing restored:[\s\S]*not empty/);

  await app.close(); // stop the app (restore wants no other sessions), keeping its database to compare
  app = undefined;

  // --- a damaged backup is refused before anything is touched
  const dumpFile = path.join(backupDir, manifest.database.file);
  const original = fs.readFileSync(dumpFile);
  fs.writeFileSync(dumpFile, Buffer.concat([original, Buffer.from('x')]));
  const damaged = await script('restore', [backupDir], { ...target.env, ...foldersB });
  expect(damaged.stderr).toMatch(/does not match the manifest/);
  fs.writeFileSync(dumpFile, original);

  // --- restore into an empty database and empty folders
  const restored = await script('restore', [backupDir], { ...target.env, ...foldersB });
  if (restored.code !== 0) console.error(`restore failed:\n${restored.stderr}`);
  expect(restored).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Restored/) });

  // every table, every row
  const [before, after] = [await readTables(source), await readTables(target)];
  expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
  for (const table of Object.keys(before))
    expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });
  for (const [table, count] of Object.entries(manifest.database.tables))
    expect([table, before[table].length]).toEqual([table, count]);
  // every file, by hash
  const filesBefore = hashesOf(path.join(publicA, 'uploads'));
  expect(hashesOf(path.join(publicB, 'uploads'))).toEqual(filesBefore);
  const privateBefore = hashesOf(privateA);
  expect(Object.keys(privateBefore).length).toBeGreaterThanOrEqual(1);
  expect(hashesOf(privateB)).toEqual(privateBefore);
  const rowCount = Object.values(before).reduce((sum, rows) => sum + rows.length, 0);
  console.log(
    `backup/restore (${TEST_DB}): ${Object.keys(before).length} tables, ${rowCount} rows, ${
      Object.keys(filesBefore).length + Object.keys(privateBefore).length
    } files compared: all equal`
  );

  // --- the restored app: same search answers, officers and editors sign in, files served, writes work
  app = await startTestApp('backup_restored', foldersB, { database: target });
  expect(await searchAnswers(app)).toEqual(answersBefore);
  let privateFilesRead = 0;
  for (const email of world.officers) {
    const res = await app
      .http()
      .post('/api/auth/local')
      .send({ identifier: email, password: world.password });
    expect(res.status).toBe(200);
    const mine = await app.http().get('/api/submissions').set('Authorization', `Bearer ${res.body.jwt}`);
    expect(mine.body.data.length).toBeGreaterThanOrEqual(4);
    // A private attachment still downloads, to its officer, the same bytes.
    for (const summary of mine.body.data) {
      const full = await app
        .http()
        .get(`/api/submissions/${summary.id}`)
        .set('Authorization', `Bearer ${res.body.jwt}`);
      const attachment = full.body.data.attachments?.[0];
      if (!attachment) continue;
      const file = await app
        .http()
        .get(attachment.url)
        .set('Authorization', `Bearer ${res.body.jwt}`)
        .buffer(true);
      expect(file.status).toBe(200);
      expect(createHash('sha256').update(file.body).digest('hex')).toBe(privateBefore[attachment.id]);
      privateFilesRead += 1;
      break;
    }
    const created = await app
      .http()
      .post('/api/submissions')
      .set('Authorization', `Bearer ${res.body.jwt}`)
      .send({ title: 'After the restore' });
    expect(created.status).toBe(201);
  }
  expect(privateFilesRead).toBeGreaterThan(0);
  for (const email of world.editors) {
    expect((await app.http().post('/admin/login').send({ email, password: world.password })).status).toBe(
      200
    );
  }
  const file = await app.strapi.db.query('plugin::upload.file').findOne({ where: {} });
  const served = await app.http().get(file.url).buffer(true);
  expect(served.status).toBe(200);
  expect(createHash('sha256').update(served.body).digest('hex')).toBe(filesBefore[path.basename(file.url)]);
}, 240_000);
