import type { Core } from '@strapi/strapi';

type NativeConnection = { __knex__disposed?: unknown };
type Dialect = { initialize(connection: NativeConnection): Promise<void> };

/**
 * Strapi sets up each new database connection (`SET search_path`) in a pool hook that has no error
 * path (@strapi/database 5.54, index.js `afterCreate`): if the database goes away in that instant, the
 * rejection is unhandled and Node ends the process. Here a failed setup instead marks the connection
 * broken, as knex does for a connection that errors, so the pool discards it and opens another.
 */
export function guardConnectionSetup(strapi: Core.Strapi): void {
  const dialect = strapi.db.dialect as unknown as Dialect;
  const initialize = dialect.initialize.bind(dialect);
  dialect.initialize = async (connection) => {
    try {
      await initialize(connection);
    } catch (error) {
      connection.__knex__disposed = error;
      strapi.log.warn(
        `A new database connection failed its setup and is discarded: ${(error as Error).message}`
      );
    }
  };
}

type Transactor = { commit(value?: unknown): Promise<unknown>; executionPromise?: Promise<unknown> };
type KnexContext = { transaction(container?: unknown, config?: unknown): Promise<Transactor> };

/**
 * knex's `trx.commit()` resolves even when COMMIT itself failed (the connection dropped): the failure
 * only rejects the transaction's `executionPromise`, which Strapi's `db.transaction` never reads, so
 * it would answer 2xx for a write the database may not have. Here `commit()` also waits for that
 * outcome, so a failed COMMIT fails the request (503 while the database is away) like any other error.
 */
export function guardCommits(strapi: Core.Strapi): void {
  const context = (strapi.db.connection as unknown as { context: KnexContext }).context;
  const transaction = context.transaction;
  context.transaction = function (this: KnexContext, container?: unknown, config?: unknown) {
    const started = transaction.call(this, container, config);
    // With a function, knex commits itself and reports a failed COMMIT to the caller.
    if (typeof container === 'function') return started;
    return started.then((trx) => {
      const commit = trx.commit;
      trx.commit = async (value?: unknown) => {
        const result = await commit(value);
        await trx.executionPromise;
        return result;
      };
      return trx;
    });
  };
}
