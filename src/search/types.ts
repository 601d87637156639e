/** Request and response shapes of GET /api/case-studies/search, shared by the service, backends and tests. */
export const SEARCH_SORTS = ['relevance', 'date', 'title'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export interface SearchQuery {
  /** The keyword as typed, and the words it is searched by (letters and digits, lower-cased). */
  q?: string;
  words: string[];
  topics: string[];
  supportTypes: string[];
  councils: string[];
  region?: string;
  from?: string;
  to?: string;
  sort: SearchSort;
  page: number;
  pageSize: number;
}

export interface NamedRef {
  slug: string;
  name: string;
}
export interface CouncilRef extends NamedRef {
  region: string | null;
}
export interface FacetCount extends NamedRef {
  count: number;
}

export interface SearchHit {
  documentId: string;
  title: string;
  slug: string;
  summary: string;
  publicationDate: string | null;
  topics: NamedRef[];
  supportTypes: NamedRef[];
  councils: CouncilRef[];
  /** HTML: the text escaped, matched words in <mark>. */
  snippet: string;
}

export interface SearchResponse {
  data: SearchHit[];
  meta: {
    pagination: { page: number; pageSize: number; pageCount: number; total: number };
    facets: { topics: FacetCount[]; supportTypes: FacetCount[] };
  };
}

/** What a database backend answers; `snippet` still carries the raw MARK_START/MARK_END markers. */
export interface BackendResult {
  total: number;
  hits: SearchHit[];
  facets: SearchResponse['meta']['facets'];
}

/** Private-use characters: the databases wrap matches in these, then the text is HTML-escaped. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

/** A knex instance or transaction: only raw SQL is used. */
export interface RawRunner {
  raw(sql: string, bindings?: readonly unknown[]): Promise<unknown>;
}

export interface SearchBackend {
  search(db: RawRunner, query: SearchQuery): Promise<BackendResult>;
  /** Re-reads these documents' published versions into the index (removing them if unpublished or gone). */
  refresh(db: RawRunner, documentIds: string[]): Promise<void>;
  /** Rebuilds the whole index from Strapi's tables. */
  rebuild(db: RawRunner): Promise<void>;
}
