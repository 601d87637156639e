import type { Core } from '@strapi/strapi';

type AfterCommit = () => unknown;
interface TransactionParams {
  onCommit: (fn: AfterCommit) => void;
  onRollback: (fn: AfterCommit) => void;
  [key: string]: unknown;
}
type Transaction = (cb?: (params: TransactionParams) => unknown) => Promise<unknown>;

const INSTALLED = Symbol.for('case-studies.after-commit-guard');

/**
 * Strapi runs what was registered with `onCommit` without waiting for it or catching it: the document
 * service's events (entry.create, entry.publish, ...) read the entry back there, fire and forget. When
 * that read fails (the pool busy past its acquire timeout under load, the database gone after the
 * commit) the rejection is unhandled, and Node ends the process for it. The write itself is committed,
 * so the failure is logged and the process keeps serving.
 */
export function guardAfterCommitWork(strapi: Core.Strapi): void {
  const db = strapi.db as unknown as { transaction: Transaction; [INSTALLED]?: true };
  if (db[INSTALLED]) return;
  db[INSTALLED] = true;
  // then(): a callback that throws at once is caught like one that rejects.
  const guarded = (fn: AfterCommit) => () =>
    Promise.resolve()
      .then(fn)
      .catch((error: Error) =>
        strapi.log.error(`Work after a commit failed (the write is kept): ${error?.message ?? error}`)
      );
  const transaction = db.transaction.bind(db);
  db.transaction = (cb) =>
    cb
      ? transaction((params) =>
          cb({
            ...params,
            onCommit: (fn) => params.onCommit(guarded(fn)),
            onRollback: (fn) => params.onRollback(guarded(fn)),
          })
        )
      : transaction();
}
