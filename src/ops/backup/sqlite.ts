import { existsSync, promises as fs } from 'fs';
import path from 'path';
import Database from 'better-sqlite3';
import type { Manifest } from './manifest';
import { sha256Of } from './manifest';

const BACKUP_FILE = 'database.sqlite';

function tableRows(db: Database.Database): Record<string, number> {
  // Virtual tables (the FTS index) are counted through their shadow tables, which are real ones.
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name`
    )
    .all() as Array<{ name: string }>;
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (db.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n,
    ])
  );
}

function migrationsRun(db: Database.Database, tables: Record<string, number>): string[] {
  if (!('strapi_migrations' in tables)) return [];
  return (
    db.prepare('SELECT name FROM strapi_migrations ORDER BY time, id').all() as Array<{ name: string }>
  ).map((r) => r.name);
}

/** An online copy through SQLite's backup API (consistent while the app keeps writing). */
export async function backupSqlite(filename: string, dir: string): Promise<Manifest['database']> {
  if (!existsSync(filename)) throw new Error(`no SQLite database at ${filename}`);
  const file = path.join(dir, BACKUP_FILE);
  const source = new Database(filename, { fileMustExist: true });
  try {
    await source.backup(file);
  } finally {
    source.close();
  }
  const copy = new Database(file, { readonly: true });
  try {
    const tables = tableRows(copy);
    return {
      client: 'sqlite',
      file: BACKUP_FILE,
      sha256: await sha256Of(file),
      bytes: (await fs.stat(file)).size,
      serverVersion: (copy.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v,
      tool: `better-sqlite3 backup()`,
      tables,
      migrations: migrationsRun(copy, tables),
    };
  } finally {
    copy.close();
  }
}

export function sqliteProblems(filename: string, force: boolean): string[] {
  if (!existsSync(filename)) return [];
  const db = new Database(filename, { readonly: true, fileMustExist: true });
  try {
    const tables = Object.keys(tableRows(db)).length;
    return tables > 0 && !force
      ? [`the database is not empty: ${filename} has ${tables} tables (use --force to replace it)`]
      : [];
  } finally {
    db.close();
  }
}

/** Writes the backup over the target file through the backup API; stale journal files go first. */
export async function restoreSqlite(
  filename: string,
  dir: string,
  manifest: Manifest
): Promise<Record<string, number>> {
  await fs.mkdir(path.dirname(filename), { recursive: true });
  for (const suffix of ['', '-wal', '-shm', '-journal']) await fs.rm(filename + suffix, { force: true });
  const source = new Database(path.join(dir, manifest.database.file), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    await source.backup(filename);
  } finally {
    source.close();
  }
  const restored = new Database(filename, { readonly: true });
  try {
    return tableRows(restored);
  } finally {
    restored.close();
  }
}
