import type { Core } from '@strapi/strapi';
import { getSearchService } from '../api/case-study/services/search';
import { parseSearchParams } from './params';

/** GET /api/case-studies/search: parameters checked at the edge (400 naming the parameter), then the service. */
export const searchAction =
  (strapi: Core.Strapi) =>
  async (ctx: { query: Record<string, unknown>; body: unknown }): Promise<void> => {
    ctx.body = await getSearchService(strapi).search(parseSearchParams(ctx.query));
  };
