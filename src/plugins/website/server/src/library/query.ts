import { query } from '../pages/query';

export const PAGE_SIZE = 10;
const MAX_PAGE = 10_000;

/** The sorts the listing offers, as the search service's sorts. Relevance only means something with a keyword. */
export const SORTS: Record<string, { text: string; search: string; needsKeyword?: boolean }> = {
  relevance: { text: 'Most relevant', search: 'relevance', needsKeyword: true },
  newest: { text: 'Most recent', search: 'date' },
  oldest: { text: 'Oldest first', search: 'oldest' },
  title: { text: 'Title (A to Z)', search: 'title' },
};

/** The council schema's regions, as a reader reads them. */
export const REGIONS: Record<string, string> = {
  north_east: 'North East',
  north_west: 'North West',
  yorkshire_and_the_humber: 'Yorkshire and the Humber',
  east_midlands: 'East Midlands',
  west_midlands: 'West Midlands',
  east_of_england: 'East of England',
  london: 'London',
  south_east: 'South East',
  south_west: 'South West',
  wales: 'Wales',
};

const list = (value: unknown): string[] =>
  [...new Set((Array.isArray(value) ? value : value ? [value] : []).map(String))].filter((v) =>
    /^[a-z0-9-]{1,100}$/.test(v)
  );
const one = (value: unknown): string => (typeof value === 'string' ? value.trim().slice(0, 40) : '');

/** The page's query string: topics, support types and councils repeat; the rest as typed. */
export function libraryQuery(q: Record<string, unknown>) {
  const topics = list(q.topics).slice(0, 50);
  const supportTypes = list(q.supportTypes).slice(0, 50);
  const councils = list(q.councils).slice(0, 50);
  // An unknown region is dropped like a malformed slug: the list offers only these.
  const region = one(q.region) in REGIONS ? one(q.region) : '';
  const from = one(q.from);
  const to = one(q.to);
  const keyword = typeof q.q === 'string' ? q.q.trim() : '';
  const fallback = keyword ? 'relevance' : 'newest';
  const asked = typeof q.sort === 'string' ? SORTS[q.sort] : undefined;
  const sort = asked && (!asked.needsKeyword || keyword) ? (q.sort as string) : fallback;
  const page = Math.max(1, Math.min(MAX_PAGE, Math.floor(Number(q.page)) || 1));
  return { topics, supportTypes, councils, region, from, to, keyword, sort, page };
}

export type LibraryQuery = ReturnType<typeof libraryQuery>;

/** A date filter as typed: a year means its first day (from) or last day (to); other text is left for the search's parser to refuse. */
export const dateBound = (typed: string, end: 'from' | 'to'): string =>
  /^\d{4}$/.test(typed) ? `${typed}-${end === 'from' ? '01-01' : '12-31'}` : typed;

/** The filters alone, in the search API's words (comma-separated slugs, ISO dates). */
export const filterParams = (p: LibraryQuery): Record<string, string> =>
  Object.fromEntries(
    Object.entries({
      q: p.keyword,
      topics: p.topics.join(','),
      supportTypes: p.supportTypes.join(','),
      councils: p.councils.join(','),
      region: p.region,
      from: dateBound(p.from, 'from'),
      to: dateBound(p.to, 'to'),
    }).filter(([, v]) => v)
  );

/** The same question in the search API's words, with its sort names and the page. */
export const searchParams = (p: LibraryQuery): Record<string, string> => ({
  ...filterParams(p),
  sort: SORTS[p.sort].search,
  page: String(p.page),
  pageSize: String(PAGE_SIZE),
});

/** The page's own URL for a query (the order every link uses, so equal searches have equal URLs). */
export const libraryHref = (p: LibraryQuery, page = p.page): string =>
  `/case-studies${query({
    q: p.keyword,
    topics: p.topics,
    supportTypes: p.supportTypes,
    councils: p.councils,
    region: p.region,
    from: p.from,
    to: p.to,
    sort: p.sort,
    page,
  })}`;

/** A query string as the object Koa would make of it (repeated keys become lists). */
function parsedQuery(search: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    const had = out[key];
    out[key] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
  }
  return out;
}

/**
 * "Back to results": only ever this page's own URL. The value is read as a library query and the
 * link rebuilt from it, so nothing but /case-studies and its known parameters can come out
 * (no other path, no other host: not an open redirect).
 */
export function backToResults(value: unknown): string {
  const match = typeof value === 'string' && value.length <= 2000 ? /^\/case-studies(?:\?([^#]*))?$/.exec(value) : null;
  if (!match) return '/case-studies';
  return libraryHref(libraryQuery(parsedQuery(match[1] ?? '')));
}
