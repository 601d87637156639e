/**
 * The search index's tables and indexes: the one place they are defined. The migration
 * (database/migrations/2026.11.27T02.00.00.search-index-v2.js) creates them from here, and a full
 * rebuild drops and re-creates the REBUILT_INDEXES around its bulk fill (filling GIN indexes row by
 * row made a 100,000-study rebuild take over 15 minutes; building them once takes about a minute).
 * Every table holds published studies only and is derived from Strapi's own, so replacing them is
 * always safe: an unbuilt index is rebuilt at boot.
 */
export type Dialect = 'postgres' | 'sqlite';

/** Tables of the first version (2026.11.26 migration), dropped by the second. */
export const V1_TABLES: Record<Dialect, string[]> = {
  postgres: ['search_facet_totals', 'search_words', 'search_texts', 'search_facts'],
  sqlite: ['search_words', 'search_words_fts', 'search_fts', 'search_texts', 'search_terms', 'search_facts'],
};

const POSTGRES_TABLES = [
  // What every process loads into its in-memory facet index (src/search/engine).
  `CREATE TABLE search_facts (
     entry_id integer PRIMARY KEY,
     document_id varchar(255) NOT NULL UNIQUE,
     publication_date date,
     title_key text COLLATE "C" NOT NULL,
     topic_ids integer[] NOT NULL DEFAULT '{}',
     support_type_ids integer[] NOT NULL DEFAULT '{}',
     council_ids integer[] NOT NULL DEFAULT '{}')`,
  // Matching: the whole weighted vector (title A, summary and headings B, body D), kept out of line so
  // that a keyword's GIN bitmap visits narrow rows (about 150 per page) and never reads the vectors.
  `CREATE TABLE search_match (
     entry_id integer PRIMARY KEY REFERENCES search_facts (entry_id) ON DELETE CASCADE,
     tsv tsvector NOT NULL) WITH (toast_tuple_target = 128)`,
  `ALTER TABLE search_match ALTER COLUMN tsv SET STORAGE EXTERNAL`,
  // Ranking: the small vector (title A, summary B, section headings C); the body is matched, not ranked.
  `CREATE TABLE search_rank (
     entry_id integer PRIMARY KEY REFERENCES search_facts (entry_id) ON DELETE CASCADE,
     tsv tsvector NOT NULL)`,
  // The page's text and snippets.
  `CREATE TABLE search_texts (
     entry_id integer PRIMARY KEY REFERENCES search_facts (entry_id) ON DELETE CASCADE,
     slug varchar(255),
     title text NOT NULL,
     summary text NOT NULL,
     body text NOT NULL)`,
  // The library's unstemmed words and how many studies use each: "did you mean" and suggestions.
  `CREATE TABLE search_words (word text COLLATE "C" PRIMARY KEY, ndoc integer NOT NULL)`,
];

const SQLITE_TABLES = [
  `CREATE TABLE search_facts (
     entry_id integer PRIMARY KEY,
     document_id varchar(255) NOT NULL UNIQUE,
     publication_date date,
     title_key text NOT NULL)`,
  `CREATE TABLE search_terms (
     kind varchar(32) NOT NULL,
     term_id integer NOT NULL,
     entry_id integer NOT NULL,
     PRIMARY KEY (kind, term_id, entry_id)) WITHOUT ROWID`,
  `CREATE INDEX search_terms_entry ON search_terms (entry_id)`,
  `CREATE TABLE search_texts (
     entry_id integer PRIMARY KEY,
     slug varchar(255),
     title text NOT NULL,
     summary text NOT NULL,
     headings text NOT NULL,
     body text NOT NULL)`,
  // Porter-stemmed full text; bm25 weights rank title, summary and headings, and give the body none.
  `CREATE VIRTUAL TABLE search_fts USING fts5(
     title, summary, headings, body, content = 'search_texts', content_rowid = 'entry_id', tokenize = 'porter unicode61')`,
  // The same texts unstemmed, for the vocabulary (fts5vocab) behind "did you mean" and suggestions.
  `CREATE VIRTUAL TABLE search_words_fts USING fts5(
     title, summary, headings, body, content = 'search_texts', content_rowid = 'entry_id', tokenize = 'unicode61', detail = none)`,
  `CREATE VIRTUAL TABLE search_words USING fts5vocab(search_words_fts, 'row')`,
  `CREATE TRIGGER search_texts_ai AFTER INSERT ON search_texts BEGIN
     INSERT INTO search_fts (rowid, title, summary, headings, body) VALUES (new.entry_id, new.title, new.summary, new.headings, new.body);
     INSERT INTO search_words_fts (rowid, title, summary, headings, body) VALUES (new.entry_id, new.title, new.summary, new.headings, new.body);
   END`,
  `CREATE TRIGGER search_texts_ad AFTER DELETE ON search_texts BEGIN
     INSERT INTO search_fts (search_fts, rowid, title, summary, headings, body)
     VALUES ('delete', old.entry_id, old.title, old.summary, old.headings, old.body);
     INSERT INTO search_words_fts (search_words_fts, rowid, title, summary, headings, body)
     VALUES ('delete', old.entry_id, old.title, old.summary, old.headings, old.body);
   END`,
];

/** The data generation and its change log (see generation.ts); search_index_state stays from v1. */
const COMMON_TABLES = [
  `CREATE TABLE search_generation (id integer PRIMARY KEY, generation bigint NOT NULL, log_floor bigint NOT NULL)`,
  `INSERT INTO search_generation (id, generation, log_floor) VALUES (1, 1, 1)`,
  `CREATE TABLE search_changes (generation bigint NOT NULL, document_id varchar(255))`,
  `CREATE INDEX search_changes_generation ON search_changes (generation)`,
  `UPDATE search_index_state SET built = false WHERE id = 1`,
];

/** Indexes a full rebuild drops before its bulk fill and creates again after (PostgreSQL). */
export const REBUILT_INDEXES: Record<string, string> = {
  search_match_tsv: 'search_match USING gin (tsv)',
  search_rank_tsv: 'search_rank USING gin (tsv)',
  search_texts_title_words: `search_texts USING gin (to_tsvector('simple', title))`,
  search_words_trgm: 'search_words USING gin (word gin_trgm_ops)',
};

/**
 * The keyword's matches and ranks in one call. A function only so it can plan with sequential scans
 * off: for a word in most studies the planner would otherwise read (and detoast) every vector.
 * Ranks are computed only when at most `rank_limit` studies match (beyond that, order by date).
 */
const POSTGRES_FUNCTIONS = [
  `CREATE FUNCTION search_keyword(q tsquery, rank_limit integer, OUT ids text, OUT ranks text)
   LANGUAGE sql STABLE SET enable_seqscan = off AS $$
     WITH m AS (SELECT entry_id FROM search_match WHERE tsv @@ q)
     SELECT (SELECT string_agg(entry_id::text, ',') FROM m),
       CASE WHEN (SELECT count(*) FROM m) <= rank_limit THEN
         (SELECT string_agg(entry_id || ':' || ts_rank('{0.1, 0.2, 0.4, 1.0}', tsv, q), ',')
            FROM search_rank WHERE tsv @@ q) END
   $$`,
];

/** Everything the migration creates, after dropping the first version's tables. */
export function schemaStatements(dialect: Dialect): string[] {
  if (dialect === 'postgres') {
    return [
      `CREATE EXTENSION IF NOT EXISTS pg_trgm`,
      ...V1_TABLES.postgres.map((t) => `DROP TABLE IF EXISTS ${t} CASCADE`),
      ...POSTGRES_TABLES,
      ...POSTGRES_FUNCTIONS,
      ...Object.entries(REBUILT_INDEXES).map(([name, on]) => `CREATE INDEX ${name} ON ${on}`),
      ...COMMON_TABLES,
    ];
  }
  return [
    ...['search_texts_ai', 'search_texts_ad', 'search_words_ai', 'search_words_ad'].map(
      (t) => `DROP TRIGGER IF EXISTS ${t}`
    ),
    ...V1_TABLES.sqlite.map((t) => `DROP TABLE IF EXISTS ${t}`),
    ...SQLITE_TABLES,
    ...COMMON_TABLES,
  ];
}
