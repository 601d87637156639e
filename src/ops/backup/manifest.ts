import { createHash } from 'crypto';
import { createReadStream, promises as fs } from 'fs';
import path from 'path';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'lga-case-studies-backup/1';

export interface FileEntry {
  path: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  createdAt: string;
  app: { name: string; version: string; strapi: string; node: string };
  database: {
    client: 'postgres' | 'sqlite';
    file: string;
    sha256: string;
    bytes: number;
    serverVersion: string;
    tool: string;
    /** Rows of every table at the moment of the backup (one snapshot with the dump). */
    tables: Record<string, number>;
    /** Migrations (database/migrations) the database had run. */
    migrations: string[];
    /**
     * PostgreSQL extensions installed in the app's schema (pg_trgm for "did you mean"). pg_dump of one
     * schema leaves extensions out, so restore creates them before the dump's objects that use them.
     */
    extensions?: string[];
  };
  /** Each folder of files, by its stable name (config/operations.ts backup.folders). */
  folders: Record<string, FileEntry[]>;
  counts: { tables: number; rows: number; files: number; fileBytes: number };
}

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every regular file under `root`, as paths relative to it, in a stable order (links are not followed). */
export async function listFiles(root: string): Promise<string[]> {
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch((error) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const parent = (entry as { parentPath?: string }).parentPath ?? entry.path ?? root;
      return path.relative(root, path.join(parent, entry.name));
    })
    .sort();
}

export async function describeFile(root: string, relative: string): Promise<FileEntry> {
  const full = path.join(root, relative);
  const [sha256, stat] = await Promise.all([sha256Of(full), fs.stat(full)]);
  return { path: relative.split(path.sep).join('/'), sha256, bytes: stat.size };
}

export function totals(tables: Record<string, number>, folders: Record<string, FileEntry[]>) {
  const files = Object.values(folders).flat();
  return {
    tables: Object.keys(tables).length,
    rows: Object.values(tables).reduce((sum, n) => sum + n, 0),
    files: files.length,
    fileBytes: files.reduce((sum, f) => sum + f.bytes, 0),
  };
}

/** Reads and checks a backup's manifest: the format, and every file against its hash. */
export async function readVerifiedManifest(dir: string): Promise<Manifest> {
  const text = await fs.readFile(path.join(dir, MANIFEST_FILE), 'utf8').catch(() => {
    throw new Error(`${dir} has no ${MANIFEST_FILE}: not a backup, or one that did not finish`);
  });
  const manifest = JSON.parse(text) as Manifest;
  if (manifest.format !== MANIFEST_FORMAT)
    throw new Error(
      `${dir}: unknown backup format "${manifest.format}" (this version reads ${MANIFEST_FORMAT})`
    );
  const check = async (file: string, expected: string) => {
    const actual = await sha256Of(file).catch(() => 'missing');
    if (actual !== expected)
      throw new Error(
        `${file} does not match the manifest (${actual === 'missing' ? 'missing' : 'changed'})`
      );
  };
  await check(path.join(dir, manifest.database.file), manifest.database.sha256);
  for (const [name, files] of Object.entries(manifest.folders))
    for (const file of files) await check(path.join(dir, 'files', name, file.path), file.sha256);
  return manifest;
}
