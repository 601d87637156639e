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
