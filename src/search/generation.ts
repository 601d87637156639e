import type { RawRunner } from './types';

/** Rows from knex.raw on either database. */
export const rowsOf = <R>(result: unknown): R[] =>
  (Array.isArray(result) ? result : (result as { rows: R[] }).rows) as R[];

/** How many generations of the change log are kept; a process further behind reloads everything. */
const LOG_KEPT = 10_000;

/**
 * The library's data generation: one number bumped in the same transaction as every write the
 * search can see (a study published, edited, unpublished or deleted; a topic, support type or council
 * changed), with the documents it touched in `search_changes`. Every process reads it before it
 * answers, so all agree on what is current; caches and ETags are keyed by it.
 */
export async function bumpGeneration(db: RawRunner, documentIds: Array<string | null>): Promise<number> {
  // Last in the write's transaction: the row lock that orders generations is held only until commit.
  const [row] = rowsOf<{ generation: string | number }>(
    await db.raw(`UPDATE search_generation SET generation = generation + 1 WHERE id = 1 RETURNING generation`)
  );
  const generation = Number(row.generation);
  const ids = documentIds.length ? documentIds : [null];
  await db.raw(
    `INSERT INTO search_changes (generation, document_id) VALUES ${ids.map(() => '(?, ?)').join(', ')}`,
    ids.flatMap((id) => [generation, id])
  );
  if (generation % 1000 === 0) {
    await db.raw(`DELETE FROM search_changes WHERE generation < ?`, [generation - LOG_KEPT]);
    await db.raw(`UPDATE search_generation SET log_floor = ? WHERE id = 1 AND log_floor < ?`, [
      generation - LOG_KEPT,
      generation - LOG_KEPT,
    ]);
  }
  return generation;
}

/**
 * After a full rebuild: a new generation whose change log starts after it, so that every process,
 * however current it was, reloads everything rather than apply changes.
 */
export async function restartGeneration(db: RawRunner): Promise<void> {
  await db.raw(`DELETE FROM search_changes`);
  await db.raw(
    `UPDATE search_generation SET generation = generation + 1, log_floor = generation + 2 WHERE id = 1`
  );
}

export interface GenerationState {
  generation: number;
  logFloor: number;
  /** With `publicActionsSql`: the search actions the Public role holds, read in the same query. */
  publicActions?: Set<string>;
}

export async function readGeneration(db: RawRunner, publicActionsSql?: string): Promise<GenerationState> {
  const [row] = rowsOf<{ generation: string | number; log_floor: string | number; public_actions?: string | null }>(
    await db.raw(
      `SELECT generation, log_floor${publicActionsSql ? `, (${publicActionsSql}) AS public_actions` : ''}
       FROM search_generation WHERE id = 1`
    )
  );
  return {
    generation: Number(row.generation),
    logFloor: Number(row.log_floor),
    ...(publicActionsSql ? { publicActions: new Set((row.public_actions ?? '').split(',').filter(Boolean)) } : {}),
  };
}

/** What changed after `since` up to `until`: documents to re-read, and whether the vocabulary changed. */
export async function changesBetween(
  db: RawRunner,
  since: number,
  until: number
): Promise<{ documentIds: string[]; vocabulary: boolean }> {
  const rows = rowsOf<{ document_id: string | null }>(
    await db.raw(`SELECT DISTINCT document_id FROM search_changes WHERE generation > ? AND generation <= ?`, [
      since,
      until,
    ])
  );
  return {
    documentIds: rows.map((r) => r.document_id).filter((id): id is string => id !== null),
    vocabulary: rows.some((r) => r.document_id === null),
  };
}

/**
 * Coalesces generation reads: every request that arrives before the read is sent shares it, so the
 * read is still later than each request's arrival (a write committed before a request is always seen)
 * while a burst of requests costs one query.
 */
export function coalescedReader(read: () => Promise<GenerationState>): () => Promise<GenerationState> {
  let pending: Promise<GenerationState> | undefined;
  return () => {
    if (!pending) {
      pending = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
        pending = undefined;
        return read();
      });
    }
    return pending;
  };
}
