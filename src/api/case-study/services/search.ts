import type { Core } from '@strapi/strapi';
import { connectionOf, searchBackend } from '../../../search/backend';
import { snippetHtml } from '../../../search/snippet';
import type { SearchQuery, SearchResponse } from '../../../search/types';

/** The library's faceted search: one page of published case studies, the exact total, facet counts. */
const searchService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async search(query: SearchQuery): Promise<SearchResponse> {
    const { total, hits, facets } = await searchBackend(strapi).search(connectionOf(strapi), query);
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
      },
    };
  },
});

export type SearchService = ReturnType<typeof searchService>;
export const getSearchService = (strapi: Core.Strapi) =>
  strapi.service('api::case-study.search') as SearchService;
export default searchService;
