'use strict';

/**
 * Search index, second version: the library's own vocabulary, for "did you mean" and the suggest
 * endpoint. Works on a database that already has an index: the new structures are filled from the
 * index tables the first migration created (they hold only published studies).
 *
 * PostgreSQL: `pg_trgm` (trigram similarity; a trusted extension since PostgreSQL 13, so the
 * database owner may create it; otherwise create it once as a superuser), a `search_words` table of
 * unstemmed words with how many studies use each (kept exact by the write path), a trigram index on
 * it, and a word index on titles for search-as-you-type.
 * SQLite: a second FTS5 index of the same texts without stemming, read through `fts5vocab`.
 */
const POSTGRES = [
  `CREATE EXTENSION IF NOT EXISTS pg_trgm`,
  `CREATE TABLE search_words (word text COLLATE "C" PRIMARY KEY, ndoc integer NOT NULL)`,
  `INSERT INTO search_words (word, ndoc)
   SELECT x.w, count(*) FROM search_texts t, LATERAL (
     SELECT w FROM unnest(tsvector_to_array(to_tsvector('simple', t.title || ' ' || t.summary || ' ' || t.body))) w
     WHERE w ~ '^[[:alpha:]]{2,40}$') x
   GROUP BY x.w`,
  `CREATE INDEX search_words_trgm ON search_words USING gin (word gin_trgm_ops)`,
  `CREATE INDEX search_texts_title_words ON search_texts USING gin (to_tsvector('simple', title))`,
];

const SQLITE = [
  `CREATE VIRTUAL TABLE search_words_fts USING fts5(
     title, summary, body, content = 'search_texts', content_rowid = 'entry_id', tokenize = 'unicode61', detail = none)`,
  `CREATE VIRTUAL TABLE search_words USING fts5vocab(search_words_fts, 'row')`,
  `CREATE TRIGGER search_words_ai AFTER INSERT ON search_texts BEGIN
     INSERT INTO search_words_fts (rowid, title, summary, body) VALUES (new.entry_id, new.title, new.summary, new.body);
   END`,
  `CREATE TRIGGER search_words_ad AFTER DELETE ON search_texts BEGIN
     INSERT INTO search_words_fts (search_words_fts, rowid, title, summary, body)
     VALUES ('delete', old.entry_id, old.title, old.summary, old.body);
   END`,
  `INSERT INTO search_words_fts (search_words_fts) VALUES ('rebuild')`,
];

module.exports = {
  async up(knex, db) {
    const postgres = db.dialect.client === 'postgres';
    for (const sql of postgres ? POSTGRES : SQLITE) {
      try {
        await knex.raw(sql);
      } catch (error) {
        if (postgres && sql.includes('EXTENSION'))
          error.message = `The search needs the pg_trgm extension: run "CREATE EXTENSION pg_trgm" in this database as a superuser, or let the migration's user create it (${error.message})`;
        throw error;
      }
    }
  },
  async down() {
    throw new Error('The search index migrations have no down step.');
  },
};
