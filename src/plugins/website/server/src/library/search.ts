import type { Core } from '@strapi/strapi';
import { parseSearchParams } from '../../../../../search/params';
import type { SearchQuery, SearchResponse } from '../../../../../search/types';

export type { SearchResponse };

/**
 * The site's one way into the library's search: the search API's own parameter parser (so the
 * site and GET /api/case-studies/search accept and bound exactly the same questions), then the
 * search service, in-process. When search moves home (src/search), only this file changes.
 */
export function searchLibrary(strapi: Core.Strapi, params: Record<string, string>): Promise<SearchResponse> {
  const service = strapi.service('api::case-study.search') as unknown as {
    search(query: SearchQuery): Promise<SearchResponse>;
  };
  return service.search(parseSearchParams(params));
}
