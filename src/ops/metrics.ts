import { createHash, timingSafeEqual } from 'crypto';
import client from 'prom-client';
import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const SEARCH_ROUTE = /^\/api\/case-studies\/(search|suggest)/;
const OUTBOX = 'plugin::submissions.outbox-message';

/**
 * The route label: the pattern the router matched (`/api/submissions/:id`), never the raw URL, so the
 * number of series stays bounded whatever clients request. Unmatched requests share two labels.
 */
export function routeLabel(ctx: Pick<Context, 'status'> & { _matchedRoute?: unknown }): string {
  const matched = ctx._matchedRoute;
  if (typeof matched === 'string' && matched.length <= 200) return matched;
  return ctx.status === 404 ? '(not found)' : '(static or unrouted)';
}

const methodLabel = (method: string) => (METHODS.has(method) ? method : 'OTHER');

interface OutboxStats {
  sent: number;
  failed: number;
}

/**
 * This process's metrics (each process behind a load balancer serves its own; Prometheus scrapes
 * every one and sums). Gauges of shared state (the outbox backlog) read the database at scrape time.
 */
export function createMetrics(strapi: Core.Strapi) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

  const requests = new client.Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route pattern',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const inFlight = new client.Gauge({
    name: 'http_requests_in_flight',
    help: 'HTTP requests being answered now',
    registers: [registry],
  });
  const searchDuration = new client.Histogram({
    name: 'search_request_duration_seconds',
    help: 'Time to answer a search request (the case-study search API), by route pattern',
    labelNames: ['route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  // The outbox keeps this process's tallies; the counters mirror them at scrape time.
  const outboxStats = (): OutboxStats | undefined =>
    (strapi.plugin('submissions')?.service('outbox') as { stats?: () => OutboxStats } | undefined)?.stats?.();
  const mirroredCounter = (name: string, help: string, read: (stats: OutboxStats) => number) =>
    new client.Counter({
      name,
      help,
      registers: [registry],
      collect() {
        const stats = outboxStats();
        if (!stats) return;
        this.reset();
        this.inc(read(stats));
      },
    });
  mirroredCounter('email_sends_total', 'Emails this process sent', (s) => s.sent);
  mirroredCounter(
    'email_sends_failed_total',
    'Emails this process failed to send (each is kept and retried)',
    (s) => s.failed
  );
  new client.Gauge({
    name: 'outbox_messages',
    help: 'Emails in the outbox by status (shared by every process: the same figure from each)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      try {
        for (const status of ['pending', 'failed']) {
          const count = await strapi.db.query(OUTBOX).count({ where: { status } });
          this.set({ status }, count);
        }
      } catch {
        this.reset(); // database unreachable: no figure rather than a stale one
      }
    },
  });
  new client.Gauge({
    name: 'database_pool_connections',
    help: "This process's database connections by state (PostgreSQL pool)",
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const pool = (strapi.db.connection.client as { pool?: Record<string, () => number> }).pool;
      if (!pool?.numUsed) return;
      this.set({ state: 'used' }, pool.numUsed());
      this.set({ state: 'free' }, pool.numFree());
      this.set({ state: 'pending_acquire' }, pool.numPendingAcquires());
      this.set({ state: 'pending_create' }, pool.numPendingCreates());
    },
  });

  return {
    registry,
    /** Called once per request, after it is answered. */
    observe(ctx: Context, seconds: number): void {
      const route = routeLabel(ctx as Context & { _matchedRoute?: unknown });
      const method = methodLabel(ctx.method);
      requests.inc({ method, route, status: String(ctx.status) });
      duration.observe({ method, route }, seconds);
      if (SEARCH_ROUTE.test(route)) searchDuration.observe({ route }, seconds);
    },
    started: () => inFlight.inc(),
    finished: () => inFlight.dec(),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const digest = (value: string) => createHash('sha256').update(value).digest();

/** GET /metrics with `Authorization: Bearer <METRICS_TOKEN>`; 404, as if absent, while no token is set. */
export const metricsRoute = (metrics: Metrics, token: () => string) => async (ctx: Context) => {
  const expected = token();
  if (!expected) return ctx.notFound();
  const sent = /^Bearer (.+)$/.exec(ctx.get('Authorization'))?.[1] ?? '';
  if (!timingSafeEqual(digest(sent), digest(expected))) {
    ctx.unauthorized('Send the metrics token: Authorization: Bearer <METRICS_TOKEN>');
    ctx.set('WWW-Authenticate', 'Bearer realm="metrics"');
    return;
  }
  ctx.set('Content-Type', metrics.registry.contentType);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = await metrics.registry.metrics();
};
