import type { Core } from '@strapi/strapi';
import { parseSearchParams, parseSuggestParams } from './params';
import { SEARCH_ACTIONS } from './routes';
import { getSearchService } from './service';
import type { Answer } from './core';
import type { GenerationState } from './generation';

interface Ctx {
  query: Record<string, unknown>;
  state: { searchAuthenticated?: boolean };
  forbidden(message?: string): void;
  body: unknown;
  status: number;
  type: string;
  get(field: string): string;
  set(field: string, value: string): void;
}

/**
 * Answers from the generation-keyed cache. The ETag is the data generation plus the query, so a
 * client's If-None-Match is checked against the one coalesced generation read, with no search run;
 * `no-cache` makes browsers and CDNs revalidate each time, and the next search after any write sees it.
 */
export async function respond<Q>(
  strapi: Core.Strapi,
  ctx: Ctx,
  action: string,
  parse: () => Q,
  key: (q: Q) => string,
  run: (q: Q, state: GenerationState) => Promise<Answer<unknown>>
) {
  const core = getSearchService(strapi).core();
  const state = await core.current();
  // Anonymous: the Public role must hold the action (read with the generation; routes.ts says why).
  if (!ctx.state.searchAuthenticated && !state.publicActions?.has(action)) return ctx.forbidden();
  const query = parse();
  const etag = core.etagFor(state.generation, key(query));
  ctx.set('Cache-Control', 'public, no-cache');
  ctx.set('ETag', etag);
  const sent = ctx.get('If-None-Match');
  if (sent && sent.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    ctx.status = 304;
    ctx.body = null;
    return;
  }
  const answer = await run(query, state);
  ctx.type = 'application/json';
  ctx.body = answer.json();
}

export type SearchCtx = Ctx;

export function searchActions(strapi: Core.Strapi) {
  const core = () => getSearchService(strapi).core();
  return {
    /** GET /api/case-studies/search: parameters checked at the edge (400 naming the parameter), then the search. */
    search: (ctx: Ctx) =>
      respond(
        strapi,
        ctx,
        SEARCH_ACTIONS.search,
        () => parseSearchParams(ctx.query),
        (q) => core().searchKey(q),
        (q, s) => core().search(q, s)
      ),
    /** GET /api/case-studies/suggest?q=: up to 8 titles or words completing what was typed. */
    suggest: (ctx: Ctx) =>
      respond(
        strapi,
        ctx,
        SEARCH_ACTIONS.suggest,
        () => parseSuggestParams(ctx.query),
        (q) => core().suggestKey(q),
        (q, s) => core().suggest(q, s)
      ),
  };
}
