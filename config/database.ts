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
  const statementTimeoutMs = env.int('DATABASE_STATEMENT_TIMEOUT_MS', 10000);
  const connectTimeoutMs = env.int('DATABASE_CONNECT_TIMEOUT_MS', 5000);
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
    statement_timeout: statementTimeoutMs,
    // While the database is unreachable, requests fail within these bounds (503) instead of
    // hanging: a connection attempt gives up after connectTimeout, and a question whose answer
    // never comes (a network that drops packets) after queryTimeout.
    connectionTimeoutMillis: connectTimeoutMs,
    query_timeout: env.int('DATABASE_QUERY_TIMEOUT_MS', statementTimeoutMs + 5000),
    // TCP keepalive finds connections a network failure left dead, so the pool replaces them.
    keepAlive: true,
  };
  return {
    connection: {
      client: 'postgres',
      connection: postgresConnection as never,
      pool: {
        min: env.int('DATABASE_POOL_MIN', 0),
        max: env.int('DATABASE_POOL_MAX', 10),
        // A bounded wait for a free connection: fail fast rather than queue without limit.
        acquireTimeoutMillis: env.int('DATABASE_POOL_ACQUIRE_TIMEOUT_MS', 10000),
        createTimeoutMillis: connectTimeoutMs + 2000,
        // Idle connections are closed after a while, and with them any a failure left behind.
        idleTimeoutMillis: env.int('DATABASE_POOL_IDLE_TIMEOUT_MS', 30000),
        // Strapi sends some of a transaction's queries at once: run them in turn (see queue-queries.ts).
        afterCreate: (connection: unknown, done: (error?: Error, connection?: unknown) => void) =>
          done(undefined, queueQueries(connection as Queryable)),
      },
      acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 20000),
    },
  };
};

export default config;
