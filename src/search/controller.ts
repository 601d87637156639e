import type { Core } from '@strapi/strapi';
import { getSearchService } from '../api/case-study/services/search';
import { parseSearchParams, parseSuggestParams } from './params';

type Ctx = { query: Record<string, unknown>; body: unknown };

/** GET /api/case-studies/search: parameters checked at the edge (400 naming the parameter), then the service. */
export const searchAction = (strapi: Core.Strapi) => async (ctx: Ctx) => {
  ctx.body = await getSearchService(strapi).search(parseSearchParams(ctx.query));
};

/** GET /api/case-studies/suggest?q=: up to 8 titles or words completing what was typed. */
export const suggestAction = (strapi: Core.Strapi) => async (ctx: Ctx) => {
  ctx.body = await getSearchService(strapi).suggest(parseSuggestParams(ctx.query));
};
