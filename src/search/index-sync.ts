import type { Core } from '@strapi/strapi';
import { bumpGeneration, readGeneration, restartGeneration, rowsOf } from './generation';
import { getSearchService } from './service';
import type { RawRunner } from './types';

const CASE_STUDY = 'api::case-study.case-study';
/** Types whose names, slugs or regions the search shows or filters by. */
const VOCABULARY = new Set(['api::topic.topic', 'api::support-type.support-type', 'api::council.council']);
const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);
/** Actions that write only the draft unless asked to publish: nothing the search can see changes. */
const DRAFT_ACTIONS = new Set(['create', 'update', 'discardDraft']);

function touchedDocumentIds(params: unknown, result: unknown): string[] {
  const fromParams = (params as { documentId?: string } | undefined)?.documentId;
  const fromResult = (result as { documentId?: string } | null | undefined)?.documentId;
  return [...new Set([fromParams, fromResult].filter((id): id is string => typeof id === 'string'))];
}

/**
 * Every write to a case study (create, update, publish, unpublish, delete, discard, clone, from the
 * content manager, REST, GraphQL or a plugin) goes through the document service, so the index is
 * refreshed here, in the write's own transaction, and the data generation is bumped in it too: a
 * rolled-back write leaves both as they were, and every process sees the write and the new
 * generation together. A topic, support type or council write bumps the generation as well.
 */
export function registerSearchIndexSync(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const isStudy = context.uid === CASE_STUDY;
    if ((!isStudy && !VOCABULARY.has(context.uid)) || READ_ACTIONS.has(context.action)) return next();
    const status = (context.params as { status?: string } | undefined)?.status;
    if (isStudy && DRAFT_ACTIONS.has(context.action) && status !== 'published') return next();
    return strapi.db.transaction(async ({ trx }) => {
      const result = await next();
      const db = trx as unknown as RawRunner;
      if (!isStudy) {
        await bumpGeneration(db, [null]);
        return result;
      }
      const ids = touchedDocumentIds(context.params, result);
      if (ids.length > 0) {
        await getSearchService(strapi).backend().refresh(db, ids);
        await bumpGeneration(db, ids);
      }
      return result;
    });
  });
}

/**
 * Fills the index when a migration has just created it (or after a bulk load marked it unbuilt).
 * Several processes may boot at once: the flag is re-read under a row lock, so only one rebuilds.
 */
export async function ensureSearchIndex(strapi: Core.Strapi): Promise<void> {
  await strapi.db.transaction(async ({ trx }) => {
    const db = trx as unknown as RawRunner;
    const lock = strapi.db.dialect.client === 'postgres' ? ' FOR UPDATE' : '';
    const [state] = rowsOf<{ built: unknown }>(
      await db.raw(`SELECT built FROM search_index_state WHERE id = 1${lock}`)
    );
    if (state && (state.built === true || state.built === 1)) return;
    strapi.log.info('Building the case-study search index');
    await getSearchService(strapi).backend().rebuild(db);
    await restartGeneration(db);
    await db.raw(`UPDATE search_index_state SET built = ? WHERE id = 1`, [true]);
  });
  // Load this process's facts now rather than on the first request.
  await getSearchService(strapi).core().current();
  const { generation } = await readGeneration(strapi.db.connection as unknown as RawRunner);
  strapi.log.debug(`Search index at generation ${generation}`);
}
