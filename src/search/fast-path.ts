import type { Core } from '@strapi/strapi';
import { searchActions, type SearchCtx } from './controller';

/**
 * `global::search` (config/middlewares.ts, after strapi::query): answers anonymous GETs of the two
 * search routes before the rest of Strapi's chain (body, session, favicon, public files, router,
 * route policies), which measured about three quarters of the time of a cached answer. It runs the
 * very same actions as the routes, with the same Public-role check read with the data generation;
 * a request with credentials, or any other path, goes on to the routes as usual. Logging, error
 * formatting, security headers, CORS and query parsing have run before it.
 */
export const searchFastPath = (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const prefix = strapi.config.get('api.rest.prefix', '/api');
  const actions = searchActions(strapi);
  const byPath = new Map<string, (ctx: SearchCtx) => Promise<void>>([
    [`${prefix}/case-studies/search`, actions.search],
    [`${prefix}/case-studies/suggest`, actions.suggest],
  ]);
  return async (
    ctx: SearchCtx & { method: string; path: string; _matchedRoute?: string },
    next: () => Promise<void>
  ) => {
    const action = ctx.method === 'GET' || ctx.method === 'HEAD' ? byPath.get(ctx.path) : undefined;
    if (!action || ctx.get('Authorization')) return next();
    // The route pattern the router would have matched: access logs and metrics label by it.
    ctx._matchedRoute = ctx.path;
    await action(ctx);
  };
};
