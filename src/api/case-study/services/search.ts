import type { Core } from '@strapi/strapi';
import { connectionOf, searchBackend } from '../../../search/backend';
import { snippetHtml } from '../../../search/snippet';
import { spellingSuggestion } from '../../../search/spelling';
import type { SearchQuery, SearchResponse, SuggestQuery, SuggestResponse } from '../../../search/types';

/** The library's faceted search: one page of published case studies, the exact total, facet counts. */
const searchService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async search(query: SearchQuery): Promise<SearchResponse> {
    const backend = searchBackend(strapi);
    const db = connectionOf(strapi);
    const { total, hits, facets } = await backend.search(db, query);
    const suggestion = await spellingSuggestion(backend, db, query, total);
    return {
      data: hits.map((hit) => ({ ...hit, snippet: snippetHtml(hit.snippet ?? '') })),
      meta: {
        pagination: {
          page: query.page,
          pageSize: query.pageSize,
          pageCount: Math.ceil(total / query.pageSize),
          total,
        },
        facets,
        ...(suggestion ? { suggestion } : {}),
      },
    };
  },

  /** Search-as-you-type: published titles and library words completing the last word typed. */
  async suggest(query: SuggestQuery): Promise<SuggestResponse> {
    return { data: await searchBackend(strapi).suggest(connectionOf(strapi), query) };
  },
});

export type SearchService = ReturnType<typeof searchService>;
export const getSearchService = (strapi: Core.Strapi) =>
  strapi.service('api::case-study.search') as SearchService;
export default searchService;
