import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { OperationsConfig } from '../../config/operations';
import { guardCommits, guardConnectionSetup } from './database-guards';
import { createDatabaseHealth, type DatabaseHealthCheck } from './database-health';
import { createMetrics, metricsRoute, type Metrics } from './metrics';
import { installGracefulShutdown, type ShutdownState } from './shutdown';

export interface Operations {
  config: OperationsConfig;
  metrics: Metrics;
  database: DatabaseHealthCheck;
  shutdown: ShutdownState;
}

const byInstance = new WeakMap<Core.Strapi, Operations>();

/** The operations state of this Strapi instance (set up in register). */
export function operationsOf(strapi: Core.Strapi): Operations {
  const operations = byInstance.get(strapi);
  if (!operations) throw new Error('Operations are not set up: call registerOperations in register()');
  return operations;
}

/** GET /_ready: 200 while this process can serve (database reachable, not shutting down), else 503. */
const readinessRoute = (operations: Operations) => async (ctx: Context) => {
  ctx.set('Cache-Control', 'no-store');
  if (operations.shutdown.stopping) {
    ctx.status = 503;
    ctx.body = { status: 'stopping', checks: { database: 'not checked' } };
    return;
  }
  const database = await operations.database.check(operations.config.readiness.timeoutMs);
  ctx.status = database.up ? 200 : 503;
  ctx.body = {
    status: database.up ? 'ready' : 'unavailable',
    checks: { database: database.up ? 'up' : 'down' },
  };
};

/**
 * Readiness, metrics and graceful shutdown. `/_health` (Strapi's) stays the liveness check: it
 * answers while the process runs, whatever the database does, so a restart never "fixes" an outage.
 */
export function registerOperations(strapi: Core.Strapi): void {
  const config = strapi.config.get('operations') as OperationsConfig;
  const operations: Operations = {
    config,
    metrics: createMetrics(strapi),
    database: createDatabaseHealth(strapi),
    shutdown: { stopping: false },
  };
  byInstance.set(strapi, operations);

  const router = strapi.server.router;
  router.get('/_ready', readinessRoute(operations));
  router.get(
    '/metrics',
    metricsRoute(operations.metrics, () => strapi.config.get('operations.metrics.token', ''))
  );
  installGracefulShutdown(strapi, config.shutdown, operations.shutdown);
  guardConnectionSetup(strapi);
  guardCommits(strapi);
}
