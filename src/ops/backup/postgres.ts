import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { Client, type ClientConfig } from 'pg';
import type { Manifest } from './manifest';
import { sha256Of } from './manifest';
import { run } from './run';

/** The connection as config/database.ts gives it to Strapi (a URL or parts, ssl, schema). */
export interface PostgresConnection {
  connectionString?: string;
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  password?: string;
  ssl?: false | { rejectUnauthorized?: boolean };
  schema?: string;
}

const DUMP_FILE = 'database.dump';

/** libpq's environment for pg_dump and pg_restore: the password never appears on a command line. */
function libpqEnv(connection: PostgresConnection): Record<string, string> {
  const parts: Record<string, string | undefined> = {};
  if (connection.connectionString) {
    const url = new URL(connection.connectionString);
    parts.PGHOST = url.searchParams.get('host') ?? decodeURIComponent(url.hostname);
    parts.PGPORT = url.port;
    parts.PGUSER = decodeURIComponent(url.username);
    parts.PGPASSWORD = decodeURIComponent(url.password);
    parts.PGDATABASE = decodeURIComponent(url.pathname.replace(/^\//, ''));
    parts.PGSSLMODE = url.searchParams.get('sslmode') ?? undefined;
  } else {
    parts.PGHOST = connection.host;
    parts.PGPORT = connection.port ? String(connection.port) : undefined;
    parts.PGUSER = connection.user;
    parts.PGPASSWORD = connection.password;
    parts.PGDATABASE = connection.database;
  }
  // Certificate checks beyond "encrypted": set PGSSLMODE / PGSSLROOTCERT in the environment yourself.
  if (connection.ssl && !parts.PGSSLMODE && !process.env.PGSSLMODE) parts.PGSSLMODE = 'require';
  return Object.fromEntries(Object.entries(parts).filter((entry): entry is [string, string] => !!entry[1]));
}

const clientConfig = ({ schema: _schema, ...connection }: PostgresConnection): ClientConfig =>
  connection as ClientConfig;

async function withClient<T>(connection: PostgresConnection, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client(clientConfig(connection));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function tableRows(client: Client, schema: string): Promise<Record<string, number>> {
  const { rows } = await client.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
    [schema]
  );
  const counts: Record<string, number> = {};
  for (const { table_name: table } of rows) {
    const name = `${client.escapeIdentifier(schema)}.${client.escapeIdentifier(table)}`;
    counts[table] = Number((await client.query(`SELECT count(*) AS n FROM ${name}`)).rows[0].n);
  }
  return counts;
}

async function migrationsRun(
  client: Client,
  schema: string,
  tables: Record<string, number>
): Promise<string[]> {
  if (!('strapi_migrations' in tables)) return [];
  const { rows } = await client.query(
    `SELECT name FROM ${client.escapeIdentifier(schema)}.strapi_migrations ORDER BY time, id`
  );
  return rows.map((row) => row.name as string);
}

async function extensionsIn(client: Client, schema: string): Promise<string[]> {
  const { rows } = await client.query(
    `SELECT e.extname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE n.nspname = $1 ORDER BY 1`,
    [schema]
  );
  return rows.map((row) => row.extname as string);
}

/**
 * pg_dump (custom format) of the app's schema. The row counts are read in the very snapshot the dump
 * uses (an exported snapshot), so the manifest describes exactly what is in the dump, online.
 */
export async function backupPostgres(
  connection: PostgresConnection,
  dir: string
): Promise<Manifest['database']> {
  const schema = connection.schema ?? 'public';
  return withClient(connection, async (client) => {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = (await client.query('SELECT pg_export_snapshot() AS id')).rows[0].id as string;
    const tables = await tableRows(client, schema);
    const migrations = await migrationsRun(client, schema, tables);
    const extensions = await extensionsIn(client, schema);
    const serverVersion = (await client.query('SHOW server_version')).rows[0].server_version as string;
    const file = path.join(dir, DUMP_FILE);
    await run(
      'pg_dump',
      [
        '--format=custom',
        '--no-owner',
        '--no-privileges',
        `--schema=${schema}`,
        `--snapshot=${snapshot}`,
        `--file=${file}`,
      ],
      libpqEnv(connection)
    );
    await client.query('COMMIT');
    return {
      client: 'postgres',
      file: DUMP_FILE,
      sha256: await sha256Of(file),
      bytes: (await fs.stat(file)).size,
      serverVersion,
      tool: (await run('pg_dump', ['--version'])).trim(),
      tables,
      migrations,
      extensions,
    };
  });
}

/** Why a restore into this database must not go ahead (empty if it may). */
export async function postgresProblems(connection: PostgresConnection, force: boolean): Promise<string[]> {
  const schema = connection.schema ?? 'public';
  return withClient(connection, async (client) => {
    const problems: string[] = [];
    const tables = Number(
      (
        await client.query(
          `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
          [schema]
        )
      ).rows[0].n
    );
    if (tables > 0 && !force)
      problems.push(
        `the database is not empty: schema "${schema}" has ${tables} tables (use --force to replace them)`
      );
    const others = Number(
      (
        await client.query(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`
        )
      ).rows[0].n
    );
    if (others > 0)
      problems.push(
        `${others} other sessions are connected to this database: stop every Strapi process first`
      );
    return problems;
  });
}

/**
 * The dump's table of contents without the schema's own entry: restore creates the schema first (with
 * the extensions its indexes use), so the dump must not create it again.
 */
async function contentsWithoutSchema(dumpFile: string, schema: string, listFile: string): Promise<void> {
  const contents = await run('pg_restore', ['--list', dumpFile]);
  const ownEntry = new RegExp(`^\\d+; \\d+ \\d+ (SCHEMA - |COMMENT - SCHEMA )${schema.replace(/\W/g, '\\$&')} `);
  await fs.writeFile(listFile, contents.split('\n').filter((line) => !ownEntry.test(line)).join('\n'));
}

/**
 * pg_restore in one transaction, into the schema made anew: dropped (empty, or replaced with --force),
 * created with the extensions the backup had in it (pg_dump of one schema leaves those out).
 */
export async function restorePostgres(
  connection: PostgresConnection,
  dir: string,
  manifest: Manifest
): Promise<Record<string, number>> {
  const schema = connection.schema ?? 'public';
  await withClient(connection, async (client) => {
    const name = client.escapeIdentifier(schema);
    await client.query('BEGIN');
    await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
    await client.query(`CREATE SCHEMA ${name}`);
    for (const extension of manifest.database.extensions ?? [])
      await client.query(`CREATE EXTENSION IF NOT EXISTS ${client.escapeIdentifier(extension)} SCHEMA ${name}`);
    await client.query('COMMIT');
  });
  const dumpFile = path.join(dir, manifest.database.file);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'restore-'));
  try {
    const listFile = path.join(work, 'contents.list');
    await contentsWithoutSchema(dumpFile, schema, listFile);
    await run(
      'pg_restore',
      [
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        '--single-transaction',
        `--use-list=${listFile}`,
        `--dbname=${libpqEnv(connection).PGDATABASE ?? ''}`,
        dumpFile,
      ],
      libpqEnv(connection)
    );
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
  return withClient(connection, (client) => tableRows(client, schema));
}
