import fs from 'fs';
import os from 'os';
import path from 'path';
import { Writable } from 'stream';
import { createLogger, winston } from '@strapi/logger';
import loggerConfig from '../../config/logger';
import { requestIdFor, runInRequest } from '../../src/ops/request-context';
import { routeLabel } from '../../src/ops/metrics';
import { logFormat } from '../../src/ops/log-format';
import { backupFolders, folderProblems, restoreFolders } from '../../src/ops/backup/folders';
import { MANIFEST_FORMAT, readVerifiedManifest, sha256Of, totals } from '../../src/ops/backup/manifest';

/** The operations code's pure parts: no Strapi, no database. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids', () => {
  it('keeps a sane id only from a trusted proxy', () => {
    expect(requestIdFor('lb-1:2/3', true)).toBe('lb-1:2/3');
    expect(requestIdFor('lb-1', false)).toMatch(UUID);
    expect(requestIdFor(undefined, true)).toMatch(UUID);
    for (const insane of ['', 'x'.repeat(129), 'a b', 'line\nbreak', 'café', '"quoted"', '<b>'])
      expect(requestIdFor(insane, true)).toMatch(UUID);
  });
});

describe('JSON log lines', () => {
  it('carry the time, level, message, request id, and the stack of an error', () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) });
    const env = (name: string, fallback?: string) =>
      (({ LOG_FORMAT: 'json' }) as Record<string, string>)[name] ?? fallback;
    const logger = createLogger({
      ...loggerConfig({ env } as never),
      transports: [new winston.transports.Stream({ stream })],
    });
    runInRequest({ requestId: 'req-7' }, () => logger.error(new Error('the database went away')));
    logger.info('no request here');
    const [error, info] = lines.map((line) => JSON.parse(line));
    expect(error).toMatchObject({
      level: 'error',
      message: 'the database went away',
      requestId: 'req-7',
      timestamp: expect.any(String),
    });
    expect(error.stack).toMatch(/^Error: the database went away\n\s+at /);
    expect(info).toEqual({ level: 'info', message: 'no request here', timestamp: expect.any(String) });
  });
});

describe('route labels', () => {
  it('are the matched pattern, or one of two labels for anything unmatched', () => {
    expect(routeLabel({ status: 200, _matchedRoute: '/api/submissions/:id' })).toBe('/api/submissions/:id');
    expect(routeLabel({ status: 404 })).toBe('(not found)');
    expect(routeLabel({ status: 200 })).toBe('(static or unrouted)');
    expect(routeLabel({ status: 200, _matchedRoute: 'x'.repeat(500) })).toBe('(static or unrouted)');
  });
});

describe('LOG_FORMAT', () => {
  const env = (vars: Record<string, string>) => (name: string, fallback?: string) => vars[name] ?? fallback;
  it('is json in production and pretty elsewhere unless set, and refuses anything else', () => {
    expect(logFormat(env({ NODE_ENV: 'production' }))).toBe('json');
    expect(logFormat(env({ NODE_ENV: 'development' }))).toBe('pretty');
    expect(logFormat(env({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' }))).toBe('pretty');
    expect(() => logFormat(env({ LOG_FORMAT: 'xml' }))).toThrow(
      /LOG_FORMAT must be "json" or "pretty", not "xml"/
    );
  });
});

describe('backup folders and manifest', () => {
  let work: string;
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-units-'));
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  it('copies folders with their hashes, refuses damage, and restores only into empty folders unless forced', async () => {
    const uploads = path.join(work, 'uploads');
    fs.mkdirSync(path.join(uploads, 'nested'), { recursive: true });
    fs.writeFileSync(path.join(uploads, 'a.pdf'), 'first');
    fs.writeFileSync(path.join(uploads, 'nested', 'b.png'), 'second');
    const dir = path.join(work, 'backup');
    fs.mkdirSync(path.join(dir), { recursive: true });
    fs.writeFileSync(path.join(dir, 'database.sqlite'), 'db');
    const folders = await backupFolders({ uploads }, dir);
    expect(folders.uploads.map((f: { path: string }) => f.path)).toEqual(['a.pdf', 'nested/b.png']);
    expect(totals({ t1: 2, t2: 3 }, folders)).toEqual({ tables: 2, rows: 5, files: 2, fileBytes: 11 });
    const manifest = {
      format: MANIFEST_FORMAT,
      database: { file: 'database.sqlite', sha256: await sha256Of(path.join(dir, 'database.sqlite')) },
      folders,
    };
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    await expect(readVerifiedManifest(dir)).resolves.toMatchObject({ format: MANIFEST_FORMAT });

    fs.writeFileSync(path.join(dir, 'files', 'uploads', 'a.pdf'), 'changed');
    await expect(readVerifiedManifest(dir)).rejects.toThrow(/a\.pdf does not match the manifest \(changed\)/);
    fs.writeFileSync(path.join(dir, 'files', 'uploads', 'a.pdf'), 'first');

    expect(await folderProblems(folders, { uploads }, false)).toEqual([
      `${uploads} already holds 2 files (use --force to replace them)`,
    ]);
    expect(await folderProblems(folders, {}, true)).toEqual([
      'the backup has a folder "uploads" that this app does not configure (config/operations.ts)',
    ]);
    const target = path.join(work, 'restored');
    expect(await folderProblems(folders, { uploads: target }, false)).toEqual([]);
    await restoreFolders(dir, folders, { uploads: target });
    expect(fs.readFileSync(path.join(target, 'nested', 'b.png'), 'utf8')).toBe('second');
  });

  it('refuses a folder that is not a finished backup', async () => {
    await expect(readVerifiedManifest(work)).rejects.toThrow(
      /has no manifest\.json: not a backup, or one that did not finish/
    );
  });
});
