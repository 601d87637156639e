import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { operationsOf } from '../ops';
import { requestIdFor, runInRequest } from '../ops/request-context';
import { respondUnavailable } from '../ops/unavailable';

/** A "down" this recent decides a failed request's status without asking the database again. */
const RECENT_DOWN_MS = 1_000;
const MAYBE_DATABASE_FAILURE = (status: number) =>
  status === 401 || status === 403 || (status >= 500 && status !== 503);

/**
 * The outermost middleware (config/middlewares.ts: it replaces strapi::logger). For every request:
 * an id (X-Request-Id, on every log line written while serving it), one access-log line with
 * structured fields, the metrics, and 503 instead of a 500 while the database is unreachable.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const operations = operationsOf(strapi);
  const { trustIncoming } = operations.config.requestId;

  return async (ctx: Context, next: Next) => {
    const requestId = requestIdFor(ctx.get('X-Request-Id') || undefined, trustIncoming);
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    const startedAt = Date.now();
    operations.metrics.started();

    await runInRequest({ requestId }, async () => {
      try {
        await next();
        // Whatever failed (the API, a page, the admin), a 5xx while the database is unreachable is its
        // doing, and so is a 401 or 403: users-permissions answers "invalid credentials" when it
        // cannot read the roles, even to the public.
        if (MAYBE_DATABASE_FAILURE(ctx.status)) {
          const database = await operations.database.check(operations.config.readiness.timeoutMs, {
            since: startedAt,
            reuseDownMs: RECENT_DOWN_MS,
          });
          if (!database.up) respondUnavailable(ctx);
        }
      } finally {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        operations.metrics.finished();
        operations.metrics.observe(ctx, seconds);
        ctx.set('X-Request-Id', requestId);
        // The path without its query: query strings can carry reset codes and confirmation tokens.
        strapi.log.http(`${ctx.method} ${ctx.path} ${ctx.status} ${Math.round(seconds * 1000)} ms`, {
          method: ctx.method,
          path: ctx.path,
          route: (ctx as Context & { _matchedRoute?: string })._matchedRoute,
          status: ctx.status,
          durationMs: Math.round(seconds * 1000),
        });
      }
    });
  };
};
