import { errors } from '@strapi/utils';
import { parseSearchParams } from '../../../../../search/params';
import type { SearchQuery } from '../../../../../search/types';

/** The finder's filters, as the search API names them; the export and the feed take these and no others. */
export const FILTER_PARAMS = ['q', 'topics', 'supportTypes', 'councils', 'region', 'from', 'to'] as const;

/**
 * A request's filters through the search's own parser (so they mean and bound exactly what they do
 * on /api/case-studies/search); paging and sorting are the search's, not an export's: a 400 names them.
 */
export function parseFilters(raw: Record<string, unknown>): SearchQuery {
  const extra = Object.keys(raw).find((key) => !(FILTER_PARAMS as readonly string[]).includes(key));
  if (extra !== undefined) {
    const message = `unknown parameter; use ${FILTER_PARAMS.join(', ')}`;
    throw new errors.ValidationError(`${extra.slice(0, 40)}: ${message}`, {
      errors: [{ path: [extra.slice(0, 40)], message, name: 'ValidationError' }],
    });
  }
  return parseSearchParams({ ...raw, sort: 'date' });
}

/** The filters of a parsed query, as query parameters again (empty ones left out). */
export function filterParams(query: SearchQuery): Record<string, string> {
  const params: Record<string, string | undefined> = {
    q: query.q,
    topics: query.topics.join(','),
    supportTypes: query.supportTypes.join(','),
    councils: query.councils.join(','),
    region: query.region,
    from: query.from,
    to: query.to,
  };
  return Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
}

/** A page's query (repeated checkboxes, its own sort and page) as the finder's filters, for links. */
export function filtersOfPage(query: Record<string, unknown>): Record<string, string> {
  const params: Record<string, string> = {};
  for (const name of FILTER_PARAMS) {
    const value = query[name];
    const values = (Array.isArray(value) ? value : value === undefined ? [] : [value])
      .map((v) => String(v).trim())
      .filter(Boolean);
    if (values.length) params[name] = values.join(',');
  }
  return params;
}

export const queryString = (params: Record<string, string>) => {
  const text = new URLSearchParams(params).toString();
  return text ? `?${text}` : '';
};
