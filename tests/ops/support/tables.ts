import Database from 'better-sqlite3';
import { Client } from 'pg';
import type { TestDatabase } from '../../helpers/database';

export type Tables = Record<string, unknown[]>;

/** Every row of every table of a test database, in a stable order (by every column), as JSON values. */
export async function readTables(database: TestDatabase): Promise<Tables> {
  if (database.env.DATABASE_CLIENT === 'postgres') {
    const client = new Client({ connectionString: database.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`
      );
      const tables: Tables = {};
      for (const { table_name: name } of rows) {
        const result = await client.query(`SELECT * FROM ${client.escapeIdentifier(name)}`);
        tables[name] = sorted(result.rows);
      }
      return tables;
    } finally {
      await client.end();
    }
  }
  const db = new Database(database.env.DATABASE_FILENAME, { readonly: true, fileMustExist: true });
  try {
    const names = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'`
      )
      .all() as Array<{ name: string }>;
    return Object.fromEntries(
      names.map(({ name }) => [name, sorted(db.prepare(`SELECT * FROM "${name}"`).all())])
    );
  } finally {
    db.close();
  }
}

export async function rowCounts(database: TestDatabase): Promise<Record<string, number>> {
  const tables = await readTables(database);
  return Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.length]));
}

function sorted(rows: unknown[]): unknown[] {
  return rows
    .map((row) => JSON.parse(JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v))))
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}
