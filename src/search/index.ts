import type { Core } from '@strapi/strapi';
import { searchActions } from './controller';
import { searchFastPath } from './fast-path';
import { ensureSearchIndex, registerSearchIndexSync } from './index-sync';
import { searchRoutes } from './routes';
import searchService from './service';
import { strapiTables } from './tables';

/**
 * Search is one folder: this registers its service, controller actions, routes and index upkeep
 * into the case-study API from the app's register(). The routes go in front of the case-study
 * router, so /case-studies/search and /suggest are matched before the core /case-studies/:id; the
 * actions join the case-study controller, so the Public role's permissions
 * (api::case-study.case-study.search / .suggest) keep their names. `global::search` (fast-path.ts)
 * answers anonymous GETs of the same routes early in the middleware chain.
 */
export function registerSearch(strapi: Core.Strapi): void {
  strapi.get('services').add('api::case-study', { search: searchService });
  strapi
    .get('controllers')
    .extend('api::case-study.case-study', (controller: object) =>
      Object.assign(controller, searchActions(strapi))
    );
  const api = strapi.api('case-study') as unknown as { routes: Record<string, unknown> };
  api.routes = { search: searchRoutes(strapi), ...api.routes };
  strapi.get('middlewares').add('global::', { search: searchFastPath });
  registerSearchIndexSync(strapi);
}

/** At boot: check Strapi's table names, build the index if it is new, load this process's facts. */
export async function bootstrapSearch(strapi: Core.Strapi): Promise<void> {
  strapiTables(strapi);
  await ensureSearchIndex(strapi);
}

export type * from './types';
