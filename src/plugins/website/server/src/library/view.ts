import { longDate } from '../pages/render';
import { libraryHref, REGIONS, SORTS, type LibraryQuery } from './query';
import type { SearchResponse } from './search';

type Meta = SearchResponse['meta'];
type Hit = SearchResponse['data'][number];
export interface CouncilOption {
  slug: string;
  name: string;
}

/**
 * The search service's snippet is escaped text with matches in <mark>. Pages mark it safe, so check
 * that again here: any "<" that does not open or close a bare <mark> is escaped. Whatever the service
 * does, a page can show no other tag.
 */
export const safeSnippet = (html: string): string => html.replace(/<(?!\/?mark>)/g, '&lt;');

/** "Your search for ‘taxi’ returned 1 result": the keyword named, singular and plural right. */
export function countLine(keyword: string, total: number): string {
  const results = `${total.toLocaleString('en-GB')} result${total === 1 ? '' : 's'}`;
  return keyword ? `Your search for ‘${keyword}’ returned ${results}` : `Your search returned ${results}`;
}

/** Checkboxes with each value's count under the other filters; a value counted 0 stays, saying (0). */
const facetItems = (facet: Meta['facets']['topics'], chosen: string[]) =>
  facet.map((f) => ({ value: f.slug, text: `${f.name} (${f.count.toLocaleString('en-GB')})`, checked: chosen.includes(f.slug) }));

/** Each chosen filter as a link to the same search without it (and back on page 1). */
function selectedTags(p: LibraryQuery, meta: Meta, councils: CouncilOption[]) {
  const nameIn = (items: Array<{ slug: string; name: string }>, slug: string) =>
    items.find((i) => i.slug === slug)?.name ?? slug;
  const without = (change: Partial<LibraryQuery>) => libraryHref({ ...p, ...change }, 1);
  return [
    ...p.topics.map((slug) => ({
      label: 'Topic',
      text: nameIn(meta.facets.topics, slug),
      href: without({ topics: p.topics.filter((s) => s !== slug) }),
    })),
    ...p.supportTypes.map((slug) => ({
      label: 'Support type',
      text: nameIn(meta.facets.supportTypes, slug),
      href: without({ supportTypes: p.supportTypes.filter((s) => s !== slug) }),
    })),
    ...p.councils.map((slug) => ({
      label: 'Council',
      text: nameIn(councils, slug),
      href: without({ councils: p.councils.filter((s) => s !== slug) }),
    })),
    ...(p.region ? [{ label: 'Region', text: REGIONS[p.region], href: without({ region: '' }) }] : []),
    ...(p.from ? [{ label: 'Published from', text: p.from, href: without({ from: '' }) }] : []),
    ...(p.to ? [{ label: 'Published to', text: p.to, href: without({ to: '' }) }] : []),
  ];
}

/** Everything library.njk shows for one search. */
export function libraryView(p: LibraryQuery, results: SearchResponse, councils: CouncilOption[]) {
  const { meta } = results;
  const here = libraryHref(p);
  const suggestion = meta.suggestion;
  return {
    ...p,
    countLine: countLine(p.keyword, meta.pagination.total),
    total: meta.pagination.total,
    caseStudies: results.data.map((hit: Hit) => ({
      ...hit,
      href: `/case-studies/${hit.slug}?back=${encodeURIComponent(here)}`,
      published: hit.publicationDate ? longDate(hit.publicationDate) : '',
      snippet: p.keyword && hit.snippet ? safeSnippet(hit.snippet) : '',
    })),
    topics: facetItems(meta.facets.topics, p.topics),
    supportTypes: facetItems(meta.facets.supportTypes, p.supportTypes),
    regions: [
      { value: '', text: 'All regions' },
      ...Object.entries(REGIONS).map(([value, text]) => ({ value, text, selected: value === p.region })),
    ],
    councilOptions: [
      { value: '', text: 'All councils' },
      ...councils.map((c) => ({ value: c.slug, text: c.name, selected: p.councils.includes(c.slug) })),
    ],
    sorts: Object.entries(SORTS)
      .filter(([, s]) => !s.needsKeyword || p.keyword)
      .map(([value, s]) => ({ value, text: s.text, selected: value === p.sort })),
    tags: selectedTags(p, meta, councils),
    // Clearing the filters keeps the keyword: that is the search, the filters narrow it.
    clearFilters: libraryHref({ ...p, topics: [], supportTypes: [], councils: [], region: '', from: '', to: '' }, 1),
    suggestion: suggestion && {
      q: suggestion.q,
      href: libraryHref({ ...p, keyword: suggestion.q }, 1),
    },
  };
}
