import { existsSync, promises as fs } from 'fs';
import path from 'path';
import { parseArgs } from 'util';
import type { Core } from '@strapi/strapi';
import type { OperationsConfig } from '../../../config/operations';
import { backupFolders, folderProblems, restoreFolders } from './folders';
import { MANIFEST_FILE, MANIFEST_FORMAT, readVerifiedManifest, totals, type Manifest } from './manifest';
import { backupPostgres, postgresProblems, restorePostgres, type PostgresConnection } from './postgres';
import { backupSqlite, restoreSqlite, sqliteProblems } from './sqlite';

const USAGE = {
  backup: `Usage: npm run backup -- DIR

Writes a backup of the configured database and of the files it refers to into DIR (new or empty):
  PostgreSQL: pg_dump (custom format) of the app's schema; SQLite: a copy through SQLite's backup API;
  the upload folders (config/operations.ts backup.folders); manifest.json with every file's SHA-256,
  the row count of every table, versions and counts. The app may keep running.

Options:
  -h, --help   show this help`,
  restore: `Usage: npm run restore -- DIR [--force]

Restores the backup in DIR into the configured database and upload folders, after checking every file
against the manifest. Stop every Strapi process using the database first. The database must be empty
(a new PostgreSQL database, or no SQLite file) and the upload folders too, unless --force.

Options:
  --force      replace what the database and the upload folders hold
  -h, --help   show this help`,
};

type Command = keyof typeof USAGE;

/** The app's own configuration (config/*.ts, compiled), without starting it. */
function loadApp(appDir: string): Core.Strapi {
  // Required here so a --help or a bad flag answers without loading Strapi.
  const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  return createStrapi({ appDir, distDir: path.join(appDir, 'dist') }) as unknown as Core.Strapi;
}

function settings(strapi: Core.Strapi) {
  const connection = strapi.config.get('database.connection') as {
    client: string;
    connection: PostgresConnection & { filename?: string };
  };
  const folders = (strapi.config.get('operations') as OperationsConfig).backup.folders;
  const info = strapi.config.get('info') as { name: string; version: string; strapi: string };
  return { client: connection.client, connection: connection.connection, folders, info };
}

async function backup(appDir: string, dir: string, log: (line: string) => void) {
  if (existsSync(dir) && (await fs.readdir(dir)).length > 0)
    throw new Error(`${dir} is not empty: back up into a new or empty folder`);
  await fs.mkdir(dir, { recursive: true });
  const { client, connection, folders, info } = settings(loadApp(appDir));
  const database =
    client === 'postgres'
      ? await backupPostgres(connection, dir)
      : await backupSqlite(connection.filename!, dir);
  // After the database: every file a backed-up row refers to was already on disk.
  const files = await backupFolders(folders, dir);
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    createdAt: new Date().toISOString(),
    app: { name: info.name, version: info.version, strapi: info.strapi, node: process.version },
    database,
    folders: files,
    counts: totals(database.tables, files),
  };
  // The manifest comes last: a backup without one did not finish, and restore refuses it.
  await fs.writeFile(path.join(dir, `${MANIFEST_FILE}.tmp`), JSON.stringify(manifest, null, 2));
  await fs.rename(path.join(dir, `${MANIFEST_FILE}.tmp`), path.join(dir, MANIFEST_FILE));
  const { tables, rows, files: fileCount, fileBytes } = manifest.counts;
  log(
    `Backed up ${client} (${tables} tables, ${rows} rows) and ${fileCount} files (${fileBytes} bytes) into ${dir}`
  );
}

async function restore(appDir: string, dir: string, force: boolean, log: (line: string) => void) {
  const manifest = await readVerifiedManifest(dir);
  const { client, connection, folders } = settings(loadApp(appDir));
  if (client !== manifest.database.client)
    throw new Error(`the backup is of ${manifest.database.client}; this app is configured for ${client}`);
  const problems = [
    ...(client === 'postgres'
      ? await postgresProblems(connection, force)
      : sqliteProblems(connection.filename!, force)),
    ...(await folderProblems(manifest.folders, folders, force)),
  ];
  if (problems.length > 0) throw new Error(`Nothing restored:\n  - ${problems.join('\n  - ')}`);

  const tables =
    client === 'postgres'
      ? await restorePostgres(connection, dir, manifest)
      : await restoreSqlite(connection.filename!, dir, manifest);
  const differing = Object.keys({ ...tables, ...manifest.database.tables }).filter(
    (table) => tables[table] !== manifest.database.tables[table]
  );
  if (differing.length > 0)
    throw new Error(`restored row counts differ from the manifest in: ${differing.join(', ')}`);
  await restoreFolders(dir, manifest.folders, folders);
  const { tables: t, rows, files } = manifest.counts;
  log(
    `Restored ${client} (${t} tables, ${rows} rows, every count as in the manifest) and ${files} files (hashes checked) from ${dir}`
  );
}

/** `npm run backup -- DIR` and `npm run restore -- DIR [--force]`; returns the exit code. */
export async function main(command: Command, argv: string[], appDir: string): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        ...(command === 'restore' ? { force: { type: 'boolean' as const } } : {}),
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE[command]}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(USAGE[command]);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    console.error(`Give one folder (got ${parsed.positionals.length}).\n\n${USAGE[command]}`);
    return 2;
  }
  const dir = path.resolve(parsed.positionals[0]);
  try {
    if (command === 'backup') await backup(appDir, dir, console.log);
    else await restore(appDir, dir, parsed.values.force === true, console.log);
    return 0;
  } catch (error) {
    console.error(`${command} failed: ${(error as Error).message}`);
    return 1;
  }
}
