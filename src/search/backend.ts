import type { Core } from '@strapi/strapi';
import { postgresBackend } from './postgres';
import { sqliteBackend } from './sqlite';
import type { RawRunner, SearchBackend } from './types';

/** The search backend for the configured database (PostgreSQL full text, or SQLite FTS5). */
export function searchBackend(strapi: Core.Strapi): SearchBackend {
  const client = strapi.db.dialect.client;
  if (client === 'postgres') return postgresBackend;
  if (client === 'sqlite') return sqliteBackend;
  throw new Error(`Search supports PostgreSQL and SQLite, not ${client}`);
}

export const connectionOf = (strapi: Core.Strapi) => strapi.db.connection as unknown as RawRunner;
