import type { BackendResult, SearchBackend, SearchQuery } from './types';
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

function filters(query: SearchQuery, bindings: unknown[]): string[] {
  const where: string[] = [];
  const anyOf = (column: string, table: string, slugs: string[]) => {
    if (!slugs.length) return;
    where.push(`f.${column} && array(SELECT id FROM ${table} WHERE slug = ANY(?::text[]))`);
    bindings.push(pgArray(slugs));
  };
  anyOf('topic_ids', 'topics', query.topics);
  anyOf('support_type_ids', 'support_types', query.supportTypes);
  anyOf('council_ids', 'councils', query.councils);
  if (query.region) {
    where.push(`f.council_ids && array(SELECT id FROM councils WHERE region = ?)`);
    bindings.push(query.region);
  }
  if (query.from) (where.push(`f.publication_date >= ?::date`), bindings.push(query.from));
  if (query.to) (where.push(`f.publication_date <= ?::date`), bindings.push(query.to));
  if (query.words.length) (where.push(`t.tsv @@ ${TSQUERY}`), bindings.push(query.words.join(' ')));
  return where;
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
 * - counts: the total and both facets in one pass over the narrow facts rows that match (int arrays
 *   found through the GIN indexes), never the texts; with no filter at all, the kept totals instead;
 * - page: without a keyword, its own ORDER BY ... LIMIT over the facts, so the planner can walk the
 *   date or title index and stop after one page rather than sort every match; with a keyword, the
 *   matches (a few per cent, via the tsvector GIN index) are ranked and only the page is kept;
 * - the page rows alone are joined to their texts, relations and ts_headline.
 */
export function searchSql(query: SearchQuery): { sql: string; bindings: unknown[] } {
  const keyword = query.words.length > 0;
  const order = orderSql(query.sort, keyword);
  const ctes: string[] = [];
  const bindings: unknown[] = [];
  const where = filters(query, bindings);
  const from = `search_facts f${keyword ? ' JOIN search_texts t USING (entry_id)' : ''}`;
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const offset = (query.page - 1) * query.pageSize;
  if (where.length) {
    ctes.push(`matches AS MATERIALIZED (
      SELECT f.entry_id, f.publication_date, f.title_key, f.topic_ids, f.support_type_ids FROM ${from} ${cond})`);
    ctes.push(`counts AS (
      SELECT u.kind, u.id, count(*)::int AS n
      FROM matches m, LATERAL (SELECT 'all', 0 UNION ALL SELECT 'topic', unnest(m.topic_ids)
                               UNION ALL SELECT 'supportType', unnest(m.support_type_ids)) u(kind, id)
      GROUP BY u.kind, u.id)`);
  } else {
    // No filter at all: the total and facet counts are the totals the write path keeps.
    ctes.push(`counts AS (SELECT kind, term_id AS id, count AS n FROM search_facet_totals)`);
  }
  if (keyword) {
    // Only the matches are ranked (tsv read for them alone); the sort keeps just one page.
    const rank = query.sort === 'relevance' ? `, ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', t.tsv, ${TSQUERY}) AS rank` : '';
    if (rank) bindings.push(query.words.join(' '));
    ctes.push(`page AS (
      SELECT m.entry_id, m.publication_date, m.title_key${rank}
      FROM matches m ${rank ? 'JOIN search_texts t USING (entry_id)' : ''}
      ORDER BY ${order} LIMIT ? OFFSET ?)`);
    bindings.push(query.pageSize, offset);
  } else {
    const pageBindings = where.length ? [...bindings] : [];
    ctes.push(`page AS (
      SELECT f.entry_id, f.publication_date, f.title_key FROM search_facts f ${cond}
      ORDER BY ${orderSql(query.sort, false, 'f.')} LIMIT ? OFFSET ?)`);
    bindings.push(...pageBindings, query.pageSize, offset);
  }
  const snippet = keyword
    ? `ts_headline('english', t.summary || E'\\n\\n' || t.body, ${TSQUERY}, '${HEADLINE_OPTIONS}')`
    : 't.summary';
  if (keyword) bindings.push(query.words.join(' '));
  const sql = `WITH ${ctes.join(',\n')}
    SELECT (SELECT coalesce(sum(n), 0)::int FROM counts WHERE kind = 'all') AS total,
      (SELECT coalesce(json_agg(r.hit ORDER BY ${order}), '[]') FROM (
        SELECT p.*, json_build_object('documentId', f.document_id, 'title', t.title, 'slug', t.slug,
          'summary', t.summary, 'publicationDate', f.publication_date,
          'topics', ${refs('topic_ids', 'topics')},
          'supportTypes', ${refs('support_type_ids', 'support_types')},
          'councils', ${refs('council_ids', 'councils', `, 'region', x.region`)},
          'snippet', ${snippet}) AS hit
        FROM page p JOIN search_facts f USING (entry_id) JOIN search_texts t USING (entry_id)) r) AS hits,
      ${facetList('topics', 'topic')} AS topic_facets,
      ${facetList('support_types', 'supportType')} AS support_facets`;
  return { sql, bindings };
}

/** The migration's GIN indexes (database/migrations/2026.11.26T00.00.00.search-index.js). */
const GIN_INDEXES = {
  search_facts_topics: 'search_facts USING gin (topic_ids)',
  search_facts_support_types: 'search_facts USING gin (support_type_ids)',
  search_facts_councils: 'search_facts USING gin (council_ids)',
  search_texts_tsv: 'search_texts USING gin (tsv)',
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

  async refresh(db, documentIds) {
    const ids = pgArray([...new Set(documentIds)].sort());
    // Serialises refreshes of one document across processes; sorted, so two batches cannot deadlock.
    await db.raw(
      `SELECT pg_advisory_xact_lock(hashtext('search:' || d)) FROM unnest(?::text[]) d ORDER BY d`,
      [ids]
    );
    await db.raw(
      `WITH old AS (DELETE FROM search_facts WHERE document_id = ANY(?::text[]) RETURNING topic_ids, support_type_ids)
       ${upsertDeltas('old', '-')}`,
      [ids]
    );
    for (const sql of insertSql('cs.document_id = ANY(?::text[])')) await db.raw(sql, [ids]);
  },

  async rebuild(db) {
    await db.raw(`SELECT pg_advisory_xact_lock(hashtext('search:rebuild'))`);
    // Indexing a whole bulk-loaded library takes longer than the per-request statement timeout allows.
    await db.raw(`SET LOCAL statement_timeout = 0`);
    await db.raw(`SET LOCAL maintenance_work_mem = '256MB'`);
    await db.raw(`TRUNCATE search_texts, search_facts, search_facet_totals`);
    // Filling GIN indexes row by row made a 100,000-study rebuild take over 15 minutes; building
    // them once afterwards takes about a minute. Same definitions as the migration creates.
    for (const name of Object.keys(GIN_INDEXES)) await db.raw(`DROP INDEX IF EXISTS ${name}`);
    for (const sql of insertSql('TRUE')) await db.raw(sql);
    for (const [name, on] of Object.entries(GIN_INDEXES)) await db.raw(`CREATE INDEX ${name} ON ${on}`);
  },
};
