import type { BackendResult, RawRunner, SearchBackend, SearchQuery, SuggestItem } from './types';
import { TITLE_SUGGESTIONS } from './types';
import { MARK_END, MARK_START } from './types';
import { T, orderSql, sectionsBodySql } from './sql-tables';

/** A PostgreSQL array literal (knex would expand a JS array binding into a list). */
function pgArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

const rowsOf = <R>(result: unknown) => (result as { rows: R[] }).rows;

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;

const BODY = sectionsBodySql(
  (parts) => parts.join(' || '),
  (text) => `string_agg(${text}, E'\\n\\n' ORDER BY c."order")`
);
const linkedIds = (table: string, column: string) =>
  `array(SELECT DISTINCT l.${column} FROM ${table} l WHERE l.case_study_id = cs.id AND l.${column} IS NOT NULL)`;

/** Inserts facts and texts for published rows matching `where` (over cs), adding their counts to the totals. */
function insertSql(where: string): string[] {
  return [
    `WITH ins AS (
       INSERT INTO search_facts (entry_id, document_id, publication_date, title_key, topic_ids, support_type_ids, council_ids)
       SELECT cs.id, cs.document_id, cs.publication_date, lower(coalesce(cs.title, '')),
         ${linkedIds(T.topicLinks, 'topic_id')},
         ${linkedIds(T.supportTypeLinks, 'support_type_id')},
         ${linkedIds(T.councilLinks, 'council_id')}
       FROM ${T.caseStudies} cs WHERE cs.published_at IS NOT NULL AND ${where}
       RETURNING topic_ids, support_type_ids)
     ${upsertDeltas('ins', '')}`,
    `INSERT INTO search_texts (entry_id, slug, title, summary, body)
     SELECT cs.id, cs.slug, coalesce(cs.title, ''), coalesce(cs.summary, ''), ${BODY}
     FROM ${T.caseStudies} cs WHERE cs.published_at IS NOT NULL AND ${where}`,
  ];
}

/** Adds (sign '') or subtracts (sign '-') the rows of CTE `from` to the unfiltered totals. */
function upsertDeltas(from: string, sign: '' | '-'): string {
  return `, deltas AS (
       SELECT 'all' AS kind, 0 AS term_id, ${sign}count(*)::int AS n FROM ${from}
       UNION ALL SELECT 'topic', u.id, ${sign}count(*)::int FROM ${from}, unnest(${from}.topic_ids) u(id) GROUP BY u.id
       UNION ALL SELECT 'supportType', u.id, ${sign}count(*)::int FROM ${from}, unnest(${from}.support_type_ids) u(id) GROUP BY u.id)
     INSERT INTO search_facet_totals (kind, term_id, count) SELECT kind, term_id, n FROM deltas WHERE n <> 0
     ON CONFLICT (kind, term_id) DO UPDATE SET count = search_facet_totals.count + EXCLUDED.count`;
}

/** The keyword as a tsquery: inlined (not a joined CTE) so that the planner sees a constant and uses the GIN index. */
const TSQUERY = `plainto_tsquery('english', ?)`;

/** SQL with its positional bindings, so fragments can be put together in any order. */
interface Sql {
  sql: string;
  bindings: unknown[];
}
const and = (parts: Sql[]): Sql => ({
  sql: parts.length ? parts.map((p) => p.sql).join(' AND ') : 'TRUE',
  bindings: parts.flatMap((p) => p.bindings),
});

/**
 * The query's conditions over facts `f` (and texts `t` for the keyword), split so that each facet can
 * be counted under every filter but its own: `base` is everything but topics and support types.
 */
function conditions(query: SearchQuery): { base: Sql[]; topics?: Sql; supportTypes?: Sql } {
  const anyOf = (column: string, table: string, slugs: string[]): Sql | undefined =>
    slugs.length
      ? { sql: `f.${column} && array(SELECT id FROM ${table} WHERE slug = ANY(?::text[]))`, bindings: [pgArray(slugs)] }
      : undefined;
  const base: Sql[] = [];
  const councils = anyOf('council_ids', 'councils', query.councils);
  if (councils) base.push(councils);
  if (query.region)
    base.push({ sql: `f.council_ids && array(SELECT id FROM councils WHERE region = ?)`, bindings: [query.region] });
  if (query.from) base.push({ sql: `f.publication_date >= ?::date`, bindings: [query.from] });
  if (query.to) base.push({ sql: `f.publication_date <= ?::date`, bindings: [query.to] });
  if (query.words.length) base.push({ sql: `t.tsv @@ ${TSQUERY}`, bindings: [query.words.join(' ')] });
  return {
    base,
    topics: anyOf('topic_ids', 'topics', query.topics),
    supportTypes: anyOf('support_type_ids', 'support_types', query.supportTypes),
  };
}

const refs = (column: string, table: string, extra = '') =>
  `(SELECT coalesce(json_agg(json_build_object('slug', x.slug, 'name', x.name${extra}) ORDER BY x.name), '[]')
     FROM ${table} x WHERE x.id = ANY(f.${column}))`;

const facetList = (table: string, kind: string) =>
  `(SELECT coalesce(json_agg(json_build_object('slug', x.slug, 'name', x.name, 'count', coalesce(c.n, 0)) ORDER BY x.name), '[]')
     FROM ${table} x LEFT JOIN counts c ON c.kind = '${kind}' AND c.id = x.id)`;

/**
 * The one statement behind a search; exported so that bench/ can run the very same SQL on bare pg.
 * Shape (why it is fast at 100,000 studies):
 * - counts: the total and both facets in one pass over the narrow facts rows that match every filter
 *   but topics and support types (int arrays found through the GIN indexes), never the texts; each row
 *   says whether it passes the topic and the support-type filter, so the total counts rows passing
 *   both, and each facet rows passing the other one; with no filter at all, the kept totals instead;
 * - page: without a keyword, its own ORDER BY ... LIMIT over the facts, so the planner can walk the
 *   date or title index and stop after one page rather than sort every match; with a keyword, the
 *   matches (a few per cent, via the tsvector GIN index) are ranked and only the page is kept;
 * - the page rows alone are joined to their texts, relations and ts_headline.
 */
export function searchSql(query: SearchQuery): Sql {
  const keyword = query.words.length > 0;
  const order = orderSql(query.sort, keyword);
  const { base, topics, supportTypes } = conditions(query);
  const all = and([...base, ...(topics ? [topics] : []), ...(supportTypes ? [supportTypes] : [])]);
  const from = `search_facts f${keyword ? ' JOIN search_texts t USING (entry_id)' : ''}`;
  const offset = (query.page - 1) * query.pageSize;
  const parts: Sql[] = [];
  const filtered = all.bindings.length > 0;
  if (filtered) {
    const t = topics ?? { sql: 'TRUE', bindings: [] };
    const s = supportTypes ?? { sql: 'TRUE', bindings: [] };
    const where = and(base);
    parts.push({
      sql: `matches AS MATERIALIZED (
        SELECT f.entry_id, f.publication_date, f.title_key, f.topic_ids, f.support_type_ids,
          (${t.sql}) AS t_ok, (${s.sql}) AS s_ok
        FROM ${from} WHERE ${where.sql})`,
      bindings: [...t.bindings, ...s.bindings, ...where.bindings],
    });
    parts.push({
      sql: `counts AS (
        SELECT u.kind, u.id, count(*)::int AS n
        FROM matches m, LATERAL (SELECT 'all', 0 WHERE m.t_ok AND m.s_ok
                                 UNION ALL SELECT 'topic', unnest(m.topic_ids) WHERE m.s_ok
                                 UNION ALL SELECT 'supportType', unnest(m.support_type_ids) WHERE m.t_ok) u(kind, id)
        GROUP BY u.kind, u.id)`,
      bindings: [],
    });
  } else {
    // No filter at all: the total and facet counts are the totals the write path keeps.
    parts.push({ sql: `counts AS (SELECT kind, term_id AS id, count AS n FROM search_facet_totals)`, bindings: [] });
  }
  if (keyword) {
    // Only the matches are ranked (tsv read for them alone); the sort keeps just one page.
    const relevance = query.sort === 'relevance';
    const rank = relevance ? `, ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', t.tsv, ${TSQUERY}) AS rank` : '';
    parts.push({
      sql: `page AS (
        SELECT m.entry_id, m.publication_date, m.title_key${rank}
        FROM matches m ${relevance ? 'JOIN search_texts t USING (entry_id)' : ''}
        WHERE m.t_ok AND m.s_ok
        ORDER BY ${order} LIMIT ? OFFSET ?)`,
      bindings: [...(relevance ? [query.words.join(' ')] : []), query.pageSize, offset],
    });
  } else {
    parts.push({
      sql: `page AS (
        SELECT f.entry_id, f.publication_date, f.title_key FROM search_facts f WHERE ${all.sql}
        ORDER BY ${orderSql(query.sort, false, 'f.')} LIMIT ? OFFSET ?)`,
      bindings: [...all.bindings, query.pageSize, offset],
    });
  }
  const snippet: Sql = keyword
    ? {
        sql: `ts_headline('english', t.summary || E'\\n\\n' || t.body, ${TSQUERY}, '${HEADLINE_OPTIONS}')`,
        bindings: [query.words.join(' ')],
      }
    : { sql: 't.summary', bindings: [] };
  const sql = `WITH ${parts.map((p) => p.sql).join(',\n')}
    SELECT (SELECT coalesce(sum(n), 0)::int FROM counts WHERE kind = 'all') AS total,
      (SELECT coalesce(json_agg(r.hit ORDER BY ${order}), '[]') FROM (
        SELECT p.*, json_build_object('documentId', f.document_id, 'title', t.title, 'slug', t.slug,
          'summary', t.summary, 'publicationDate', f.publication_date,
          'topics', ${refs('topic_ids', 'topics')},
          'supportTypes', ${refs('support_type_ids', 'support_types')},
          'councils', ${refs('council_ids', 'councils', `, 'region', x.region`)},
          'snippet', ${snippet.sql}) AS hit
        FROM page p JOIN search_facts f USING (entry_id) JOIN search_texts t USING (entry_id)) r) AS hits,
      ${facetList('topics', 'topic')} AS topic_facets,
      ${facetList('support_types', 'supportType')} AS support_facets`;
  return { sql, bindings: [...parts.flatMap((p) => p.bindings), ...snippet.bindings] };
}

/** The words of a texts row `t` as the vocabulary keeps them: lower-cased, unstemmed, letters only. */
const WORDS_OF = (t: string) =>
  `SELECT w FROM unnest(tsvector_to_array(to_tsvector('simple', ${t}.title || ' ' || ${t}.summary || ' ' || ${t}.body))) w
   WHERE w ~ '^[[:alpha:]]{2,40}$'`;

/** Per-word document counts of these entries' texts. */
async function wordCounts(db: RawRunner, entryFilter: string, bindings: unknown[]): Promise<Map<string, number>> {
  const rows = rowsOf<{ w: string; n: number }>(
    await db.raw(
      `SELECT x.w, count(*)::int AS n FROM search_texts t, LATERAL (${WORDS_OF('t')}) x
       WHERE ${entryFilter} GROUP BY x.w`,
      bindings
    )
  );
  return new Map(rows.map((r) => [r.w, r.n]));
}

/** Adds the difference between two word counts to the vocabulary, in word order (no deadlock between writers). */
async function applyWordDeltas(db: RawRunner, before: Map<string, number>, after: Map<string, number>) {
  const delta = new Map<string, number>();
  for (const [w, n] of after) delta.set(w, n);
  for (const [w, n] of before) delta.set(w, (delta.get(w) ?? 0) - n);
  const changed = [...delta].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (!changed.length) return;
  const words = pgArray(changed.map(([w]) => w));
  await db.raw(
    `INSERT INTO search_words (word, ndoc)
     SELECT w, n FROM unnest(?::text[], ?::int[]) AS d(w, n) ORDER BY w
     ON CONFLICT (word) DO UPDATE SET ndoc = search_words.ndoc + EXCLUDED.ndoc`,
    [words, `{${changed.map(([, n]) => n).join(',')}}`]
  );
  await db.raw(`DELETE FROM search_words WHERE word = ANY(?::text[]) AND ndoc <= 0`, [words]);
}

/** The migration's GIN indexes (database/migrations/2026.11.26T00.00.00.search-index.js). */
const GIN_INDEXES = {
  search_facts_topics: 'search_facts USING gin (topic_ids)',
  search_facts_support_types: 'search_facts USING gin (support_type_ids)',
  search_facts_councils: 'search_facts USING gin (council_ids)',
  search_texts_tsv: 'search_texts USING gin (tsv)',
  search_texts_title_words: `search_texts USING gin (to_tsvector('simple', title))`,
  search_words_trgm: 'search_words USING gin (word gin_trgm_ops)',
};

export const postgresBackend: SearchBackend = {
  async search(db, query): Promise<BackendResult> {
    const { sql, bindings } = searchSql(query);
    const [row] = rowsOf<{
      total: number;
      hits: BackendResult['hits'];
      topic_facets: never;
      support_facets: never;
    }>(await db.raw(sql, bindings));
    return {
      total: row.total,
      hits: row.hits,
      facets: { topics: row.topic_facets, supportTypes: row.support_facets },
    };
  },

  async count(db, query) {
    const { base, topics, supportTypes } = conditions(query);
    const where = and([...base, ...(topics ? [topics] : []), ...(supportTypes ? [supportTypes] : [])]);
    const join = query.words.length ? ' JOIN search_texts t USING (entry_id)' : '';
    const [row] = rowsOf<{ n: number }>(
      await db.raw(`SELECT count(*)::int AS n FROM search_facts f${join} WHERE ${where.sql}`, where.bindings)
    );
    return row.n;
  },

  async knownWords(db, words) {
    // A word is known if searching for it alone finds a published study (so "prevents" is known).
    const rows = rowsOf<{ w: string }>(
      await db.raw(
        `SELECT w FROM unnest(?::text[]) w
         WHERE numnode(plainto_tsquery('english', w)) = 0
            OR EXISTS (SELECT 1 FROM search_texts t WHERE t.tsv @@ plainto_tsquery('english', w))`,
        [pgArray(words)]
      )
    );
    return new Set(rows.map((r) => r.w));
  },

  async similarWords(db, words) {
    // pg_trgm: trigram similarity over the library's own words, through their GIN index.
    const rows = rowsOf<{ q: string; word: string; ndoc: number }>(
      await db.raw(
        `SELECT q.w AS q, s.word, s.ndoc FROM unnest(?::text[]) q(w), LATERAL (
           SELECT word, ndoc FROM search_words WHERE word % q.w
           ORDER BY similarity(word, q.w) DESC, ndoc DESC LIMIT 10) s`,
        [pgArray(words)]
      )
    );
    const out = new Map<string, Array<{ word: string; ndoc: number }>>();
    for (const r of rows) out.set(r.q, [...(out.get(r.q) ?? []), { word: r.word, ndoc: r.ndoc }]);
    return out;
  },

  async suggest(db, query) {
    const items: SuggestItem[] = [];
    const prefixQuery = [...query.words, `${query.prefix}:*`].join(' & ');
    // No ORDER BY: the GIN bitmap is built once and the scan stops after `limit` rows (bounded cost).
    const titles = rowsOf<{ title: string; slug: string }>(
      await db.raw(
        `SELECT title, slug FROM search_texts
         WHERE to_tsvector('simple', title) @@ to_tsquery('simple', ?) LIMIT ?`,
        [prefixQuery, TITLE_SUGGESTIONS]
      )
    );
    for (const t of titles.sort((a, b) => a.title.localeCompare(b.title)))
      items.push({ type: 'title', text: t.title, slug: t.slug });
    const words = rowsOf<{ word: string }>(
      await db.raw(
        `SELECT word FROM search_words WHERE word LIKE ? AND word <> ? ORDER BY ndoc DESC, word LIMIT ?`,
        [`${query.prefix}%`, query.prefix, query.limit]
      )
    );
    for (const { word } of words) items.push({ type: 'word', text: [...query.words, word].join(' ') });
    return items.slice(0, query.limit);
  },

  async refresh(db, documentIds) {
    const ids = pgArray([...new Set(documentIds)].sort());
    // Serialises refreshes of one document across processes; sorted, so two batches cannot deadlock.
    await db.raw(
      `SELECT pg_advisory_xact_lock(hashtext('search:' || d)) FROM unnest(?::text[]) d ORDER BY d`,
      [ids]
    );
    const ofDocuments = `t.entry_id IN (SELECT entry_id FROM search_facts WHERE document_id = ANY(?::text[]))`;
    const wordsBefore = await wordCounts(db, ofDocuments, [ids]);
    await db.raw(
      `WITH old AS (DELETE FROM search_facts WHERE document_id = ANY(?::text[]) RETURNING topic_ids, support_type_ids)
       ${upsertDeltas('old', '-')}`,
      [ids]
    );
    for (const sql of insertSql('cs.document_id = ANY(?::text[])')) await db.raw(sql, [ids]);
    await applyWordDeltas(db, wordsBefore, await wordCounts(db, ofDocuments, [ids]));
  },

  async rebuild(db) {
    await db.raw(`SELECT pg_advisory_xact_lock(hashtext('search:rebuild'))`);
    // Indexing a whole bulk-loaded library takes longer than the per-request statement timeout allows.
    await db.raw(`SET LOCAL statement_timeout = 0`);
    await db.raw(`SET LOCAL maintenance_work_mem = '256MB'`);
    await db.raw(`TRUNCATE search_texts, search_facts, search_facet_totals, search_words`);
    // Filling GIN indexes row by row made a 100,000-study rebuild take over 15 minutes; building
    // them once afterwards takes about a minute. Same definitions as the migration creates.
    for (const name of Object.keys(GIN_INDEXES)) await db.raw(`DROP INDEX IF EXISTS ${name}`);
    for (const sql of insertSql('TRUE')) await db.raw(sql);
    await db.raw(
      `INSERT INTO search_words (word, ndoc) SELECT x.w, count(*) FROM search_texts t, LATERAL (${WORDS_OF('t')}) x GROUP BY x.w`
    );
    for (const [name, on] of Object.entries(GIN_INDEXES)) await db.raw(`CREATE INDEX ${name} ON ${on}`);
  },
};
