import path from 'path';
import type { Core } from '@strapi/strapi';
import { queueQueries, type Queryable } from '../src/lib/queue-queries';

/**
 * SQLite (better-sqlite3) is the embedded default; DATABASE_CLIENT=postgres switches to PostgreSQL,
 * configured by DATABASE_URL or by host/port/name/user/password.
 */
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Database => {
  const client = env('DATABASE_CLIENT', 'sqlite');
  const appRoot = path.join(__dirname, '..', '..');

  if (client === 'sqlite') {
    return {
      connection: {
        client: 'sqlite',
        connection: {
          filename: path.resolve(appRoot, env('DATABASE_FILENAME', '.tmp/data.db')),
        },
        useNullAsDefault: true,
      },
    };
  }

  if (client !== 'postgres') {
    throw new Error(`Unsupported DATABASE_CLIENT "${client}": use "sqlite" (default) or "postgres".`);
  }

  const url = env('DATABASE_URL', '');
  // Typed loosely: Strapi's Connection type lacks pg's statement_timeout, which pg does accept.
  const postgresConnection: Record<string, unknown> = {
    ...(url
      ? { connectionString: url }
      : {
          host: env('DATABASE_HOST', '127.0.0.1'),
          port: env.int('DATABASE_PORT', 5432),
          database: env('DATABASE_NAME', 'strapi'),
          user: env('DATABASE_USERNAME', 'postgres'),
          password: env('DATABASE_PASSWORD', ''),
        }),
    ssl: env.bool('DATABASE_SSL', false) && {
      rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true),
    },
    schema: env('DATABASE_SCHEMA', 'public'),
    // One slow question must not hold a connection (and the requests queued behind it) for ever.
    statement_timeout: env.int('DATABASE_STATEMENT_TIMEOUT_MS', 10000),
  };
  return {
    connection: {
      client: 'postgres',
      connection: postgresConnection as never,
      pool: {
        min: env.int('DATABASE_POOL_MIN', 0),
        max: env.int('DATABASE_POOL_MAX', 10),
        // A bounded wait for a free connection: fail fast rather than queue without limit.
        acquireTimeoutMillis: env.int('DATABASE_POOL_ACQUIRE_TIMEOUT_MS', 15000),
        // Strapi sends some of a transaction's queries at once: run them in turn (see queue-queries.ts).
        afterCreate: (connection: unknown, done: (error?: Error, connection?: unknown) => void) =>
          done(undefined, queueQueries(connection as Queryable)),
      },
      acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 20000),
    },
  };
};

export default config;
