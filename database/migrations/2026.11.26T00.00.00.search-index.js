'use strict';

/**
 * The search index: tables of our own beside Strapi's (Strapi's schema sync leaves tables it never
 * created alone, but would drop columns it does not know on its own tables). Runs before Strapi
 * creates its tables on a fresh database, so nothing here refers to them; src/search fills the
 * tables at boot (search_index_state.built = false) and keeps them current on every write.
 *
 * PostgreSQL: a narrow facts table (dates, sort keys, topic/support type/council id arrays with GIN
 * indexes) so counts and facets scan little; texts with a generated, weighted English tsvector.
 * SQLite: the same facts with a terms table instead of arrays, and an FTS5 index (porter stemming).
 */
const POSTGRES = [
  `CREATE TABLE search_facts (
     entry_id integer PRIMARY KEY,
     document_id varchar(255) NOT NULL UNIQUE,
     publication_date date,
     title_key text COLLATE "C" NOT NULL,
     topic_ids integer[] NOT NULL DEFAULT '{}',
     support_type_ids integer[] NOT NULL DEFAULT '{}',
     council_ids integer[] NOT NULL DEFAULT '{}')`,
  `CREATE INDEX search_facts_date ON search_facts (publication_date DESC NULLS LAST, entry_id DESC)`,
  `CREATE INDEX search_facts_title ON search_facts (title_key, entry_id)`,
  `CREATE INDEX search_facts_topics ON search_facts USING gin (topic_ids)`,
  `CREATE INDEX search_facts_support_types ON search_facts USING gin (support_type_ids)`,
  `CREATE INDEX search_facts_councils ON search_facts USING gin (council_ids)`,
  `CREATE TABLE search_texts (
     entry_id integer PRIMARY KEY REFERENCES search_facts (entry_id) ON DELETE CASCADE,
     slug varchar(255),
     title text NOT NULL,
     summary text NOT NULL,
     body text NOT NULL,
     tsv tsvector GENERATED ALWAYS AS (
       setweight(to_tsvector('english', title), 'A') ||
       setweight(to_tsvector('english', summary), 'B') ||
       setweight(to_tsvector('english', body), 'C')) STORED)`,
  `CREATE INDEX search_texts_tsv ON search_texts USING gin (tsv)`,
  // Unfiltered totals and facet counts, kept by deltas in each write's transaction (kind 'all' is the total).
  `CREATE TABLE search_facet_totals (
     kind varchar(32) NOT NULL,
     term_id integer NOT NULL,
     count integer NOT NULL,
     PRIMARY KEY (kind, term_id))`,
];

const SQLITE = [
  `CREATE TABLE search_facts (
     entry_id integer PRIMARY KEY,
     document_id varchar(255) NOT NULL UNIQUE,
     publication_date date,
     title_key text NOT NULL)`,
  `CREATE INDEX search_facts_date ON search_facts (publication_date DESC, entry_id DESC)`,
  `CREATE INDEX search_facts_title ON search_facts (title_key, entry_id)`,
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
     body text NOT NULL)`,
  `CREATE VIRTUAL TABLE search_fts USING fts5(
     title, summary, body, content = 'search_texts', content_rowid = 'entry_id', tokenize = 'porter unicode61')`,
  `CREATE TRIGGER search_texts_ai AFTER INSERT ON search_texts BEGIN
     INSERT INTO search_fts (rowid, title, summary, body) VALUES (new.entry_id, new.title, new.summary, new.body);
   END`,
  `CREATE TRIGGER search_texts_ad AFTER DELETE ON search_texts BEGIN
     INSERT INTO search_fts (search_fts, rowid, title, summary, body)
     VALUES ('delete', old.entry_id, old.title, old.summary, old.body);
   END`,
];

const COMMON = [
  `CREATE TABLE search_index_state (id integer PRIMARY KEY, built boolean NOT NULL)`,
  `INSERT INTO search_index_state (id, built) VALUES (1, false)`,
];

module.exports = {
  async up(knex, db) {
    const statements = db.dialect.client === 'postgres' ? POSTGRES : SQLITE;
    for (const sql of [...statements, ...COMMON]) await knex.raw(sql);
  },
  async down() {
    throw new Error('The search index migration has no down step: drop the search_* tables by hand.');
  },
};
