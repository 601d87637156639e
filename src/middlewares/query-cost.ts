import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { queryCostProblem, type CostLimits, type SchemaAttribute } from '../lib/query-cost';

/**
 * A cost ceiling on every content-API request (/api/...): populate, filters and sort that reach too
 * deep or too wide answer 400 naming the parameter, before Strapi builds (or runs) any query.
 * Limits: config/middlewares.ts (API_POPULATE_MAX_DEPTH and friends).
 */
export default (config: CostLimits, { strapi }: { strapi: Core.Strapi }) => {
  const prefix = String(strapi.config.get('api.rest.prefix', '/api')).replace(/\/$/, '');
  let routes: [path: string, uid: string][] | undefined;

  /** The content type a path reads, by Strapi's route naming (/api/<pluralName or singularName>). */
  const typeOf = (path: string): string | undefined => {
    routes ??= [
      [`${prefix}/upload/files`, 'plugin::upload.file'],
      [`${prefix}/users`, 'plugin::users-permissions.user'],
      ...Object.entries(strapi.contentTypes)
        .filter(([uid]) => uid.startsWith('api::'))
        .flatMap(([uid, ct]): [string, string][] => [
          [`${prefix}/${ct.info.pluralName}`, uid],
          [`${prefix}/${ct.info.singularName}`, uid],
        ]),
    ];
    return routes.find(([route]) => path === route || path.startsWith(`${route}/`))?.[1];
  };
  const models = strapi as unknown as {
    getModel(uid: string): { attributes: Record<string, SchemaAttribute> } | undefined;
  };
  const schema = (uid: string) => models.getModel(uid)?.attributes;

  return async (ctx: Context, next: Next) => {
    if (!ctx.path.startsWith(`${prefix}/`) || !ctx.querystring) return next();
    const problem = queryCostProblem(ctx.query as Record<string, unknown>, config, schema, typeOf(ctx.path));
    if (!problem) return next();
    throw new errors.ValidationError(`${problem.parameter}: ${problem.message}`, {
      errors: [{ path: [problem.parameter], message: problem.message, name: 'ValidationError' }],
    });
  };
};
