import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';
import type { Limits } from '../accounts/limits';

/**
 * Replaces users-permissions' own limiter on /api/auth/* (koa2-ratelimit, in the memory of each
 * process, so N processes allowed N times the limit): the same per-client, per-route limit, counted
 * in the database that every process shares (register.ts puts this on those routes).
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next) => {
    const route = ctx.path.toLowerCase().replace(/\/+$/, '');
    const limits = strapi.plugin('website').service('limits') as Limits;
    if (!(await limits.take('authApiByClient', `${route}|${ctx.ip}`))) throw new errors.RateLimitError();
    return next();
  };
