import type { Core } from '@strapi/strapi';
import { searchBackend } from './backend';
import type { RawRunner } from './types';

const UID = 'api::case-study.case-study';
const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

function touchedDocumentIds(params: unknown, result: unknown): string[] {
  const fromParams = (params as { documentId?: string } | undefined)?.documentId;
  const fromResult = (result as { documentId?: string } | null | undefined)?.documentId;
  return [...new Set([fromParams, fromResult].filter((id): id is string => typeof id === 'string'))];
}

/**
 * Every write to a case study (create, update, publish, unpublish, delete, discard, clone, from the
 * content manager, REST, GraphQL or a plugin) goes through the document service, so the index is
 * refreshed here, in the write's own transaction: a rolled-back write leaves the index as it was, and
 * other processes sharing the database never see the two disagree.
 */
export function registerSearchIndexSync(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== UID || READ_ACTIONS.has(context.action)) return next();
    return strapi.db.transaction(async ({ trx }) => {
      const result = await next();
      const ids = touchedDocumentIds(context.params, result);
      if (ids.length > 0) await searchBackend(strapi).refresh(trx as unknown as RawRunner, ids);
      return result;
    });
  });
}

/**
 * Fills the index when the migration has just created it (or after a bulk load marked it unbuilt).
 * Several processes may boot at once: the flag is re-read under a row lock, so only one rebuilds.
 */
export async function ensureSearchIndex(strapi: Core.Strapi): Promise<void> {
  await strapi.db.transaction(async ({ trx }) => {
    const db = trx as unknown as RawRunner;
    const lock = strapi.db.dialect.client === 'postgres' ? ' FOR UPDATE' : '';
    const rows = (await db.raw(`SELECT built FROM search_index_state WHERE id = 1${lock}`)) as unknown;
    const state = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows)[0] as
      | { built: unknown }
      | undefined;
    if (state && (state.built === true || state.built === 1)) return;
    strapi.log.info('Building the case-study search index');
    await searchBackend(strapi).rebuild(db);
    await db.raw(`UPDATE search_index_state SET built = ? WHERE id = 1`, [true]);
  });
}
