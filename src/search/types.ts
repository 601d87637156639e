import type { FactRow, Vocabulary } from './engine/facts';

/** Request and response shapes of GET /api/case-studies/search and /suggest: the contract of the search API. */
/** date: newest first; oldest: the same order reversed. */
export const SEARCH_SORTS = ['relevance', 'date', 'oldest', 'title'] as const;
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

/**
 * "Did you mean …?": the keyword with each word the index does not know replaced by the nearest word it
 * does, offered when a keyword search finds fewer than SUGGEST_BELOW results and the suggestion finds
 * more. `total` is what that search (same filters) would return; `words` says what was replaced.
 */
export interface SpellingSuggestion {
  q: string;
  total: number;
  words: Array<{ from: string; to: string }>;
}

export interface SearchResponse {
  data: SearchHit[];
  meta: {
    pagination: { page: number; pageSize: number; pageCount: number; total: number };
    /**
     * Every topic and support type, count 0 included. Each facet is counted under every current filter
     * except its own (the GOV.UK / disjunctive way): with topics=a, topic b's count is what topics=b
     * would return with the other filters kept, and the support types are counted within topic a.
     */
    facets: { topics: FacetCount[]; supportTypes: FacetCount[] };
    /** Only when the keyword found fewer than SUGGEST_BELOW results and a spelling fix finds more. */
    suggestion?: SpellingSuggestion;
  };
}

/** GET /api/case-studies/suggest?q=: search-as-you-type. */
export interface SuggestQuery {
  q: string;
  /** The words before the last, whole; the last word is a prefix. Lower-cased letters and digits. */
  words: string[];
  prefix: string;
  limit: number;
}
export type SuggestItem = { type: 'title'; text: string; slug: string } | { type: 'word'; text: string };
export interface SuggestResponse {
  data: SuggestItem[];
}

/** A keyword search finding fewer results than this gets a spelling suggestion, if one finds more. */
export const SUGGEST_BELOW = 3;
/** The suggest endpoint answers at most this many items, of which at most TITLE_SUGGESTIONS titles. */
export const MAX_SUGGESTIONS = 8;
export const TITLE_SUGGESTIONS = 5;

/** Private-use characters: the databases wrap matches in these, then the text is HTML-escaped. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

/** A knex instance or transaction: only raw SQL is used. */
export interface RawRunner {
  raw(sql: string, bindings?: readonly unknown[]): Promise<unknown>;
}

/**
 * A keyword's matches: every matching entry id (compact: a word in every study is 100,000 ids), and
 * the ranks of those matched in title, summary or headings (absent: matched in the body only, rank 0).
 */
export interface KeywordMatches {
  ids: Int32Array;
  ranks: Map<number, number>;
}

/**
 * What each database does for the search: the index's upkeep, the facts every process keeps in
 * memory, the keyword's matches, the page's rows, and the vocabulary. Counting, facets and paging are
 * done in memory over the facts (src/search/engine), the same for both databases.
 */
export interface SearchBackend {
  /** The published studies' facts: all of them, or those of these documents (absent = not published). */
  facts(db: RawRunner, documentIds?: string[]): Promise<FactRow[]>;
  vocabulary(db: RawRunner): Promise<Vocabulary>;
  /** Studies matching every word (English stemming), with a rank from title, summary and headings. */
  keywordMatches(db: RawRunner, words: string[]): Promise<KeywordMatches>;
  /** The page's studies in the given order; snippets carry MARK_START/MARK_END around matched words. */
  hits(db: RawRunner, entryIds: number[], words: string[]): Promise<SearchHit[]>;
  /** Those of `words` that find a published study when searched alone (stop words count as known). */
  knownWords(db: RawRunner, words: string[]): Promise<Set<string>>;
  /** For each word, words of the published library spelled like it (with how many studies use them). */
  similarWords(db: RawRunner, words: string[]): Promise<Map<string, Array<{ word: string; ndoc: number }>>>;
  /** Published titles with every word and a word starting with the prefix, then library words with the prefix. */
  suggest(db: RawRunner, query: SuggestQuery): Promise<SuggestItem[]>;
  /** Re-reads these documents' published versions into the index (removing them if unpublished or gone). */
  refresh(db: RawRunner, documentIds: string[]): Promise<void>;
  /** Rebuilds the whole index from Strapi's tables. */
  rebuild(db: RawRunner): Promise<void>;
}
