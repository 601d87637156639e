import type { Core } from '@strapi/strapi';
import { backendFor } from './backends';
import { createSearchCore, type SearchCore } from './core';
import { SEARCH_ACTIONS } from './routes';
import { publicActionsSql, strapiTables } from './tables';
import type {
  RawRunner,
  SearchBackend,
  SearchQuery,
  SearchResponse,
  SuggestQuery,
  SuggestResponse,
} from './types';

/**
 * The library's search as a Strapi service, `strapi.service('api::case-study.search')`: what the
 * HTTP routes and in-process callers (the website) use. One core per process.
 */
const searchService = ({ strapi }: { strapi: Core.Strapi }) => {
  let backend: SearchBackend | undefined;
  let core: SearchCore | undefined;
  const tables = () => strapiTables(strapi);
  const backendOf = () => (backend ??= backendFor(strapi.db.dialect.client, tables()));
  const coreOf = () =>
    (core ??= createSearchCore({
      backend: backendOf(),
      db: () => strapi.db.connection as unknown as RawRunner,
      cache: strapi.config.get('search.cache', { enabled: true, maxBytes: 32 * 1024 * 1024 }),
      version: `${strapi.config.get('info.version', '')}`,
      publicActionsSql: publicActionsSql(
        tables(),
        strapi.db.dialect.client === 'postgres' ? 'postgres' : 'sqlite',
        Object.values(SEARCH_ACTIONS)
      ),
    }));
  return {
    backend: backendOf,
    core: coreOf,
    /** One page of published case studies, the exact total, facet counts, maybe a spelling suggestion. */
    async search(query: SearchQuery): Promise<SearchResponse> {
      return (await coreOf().search(query)).value;
    },
    /** Search-as-you-type: published titles and library words completing the last word typed. */
    async suggest(query: SuggestQuery): Promise<SuggestResponse> {
      return (await coreOf().suggest(query)).value;
    },
    stats: () => coreOf().stats(),
  };
};

export type SearchService = ReturnType<typeof searchService>;
export const SEARCH_SERVICE = 'api::case-study.search';
export const getSearchService = (strapi: Core.Strapi) =>
  strapi.service(SEARCH_SERVICE) as unknown as SearchService;
export default searchService;
