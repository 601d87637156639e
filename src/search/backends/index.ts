import type { StrapiTables } from '../tables';
import type { SearchBackend } from '../types';
import { postgresBackend } from './postgres';
import { sqliteBackend } from './sqlite';

/** The search backend for the configured database (PostgreSQL full text, or SQLite FTS5). */
export function backendFor(client: string, tables: StrapiTables): SearchBackend {
  if (client === 'postgres') return postgresBackend(tables);
  if (client === 'sqlite') return sqliteBackend(tables);
  throw new Error(`Search supports PostgreSQL and SQLite, not ${client}`);
}
