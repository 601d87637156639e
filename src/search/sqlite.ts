import type {
  SuggestItem,
  BackendResult,
  CouncilRef,
  FacetCount,
  RawRunner,
  SearchBackend,
  SearchHit,
  SearchQuery,
} from './types';
import { MARK_END, MARK_START, TITLE_SUGGESTIONS } from './types';
import { T, orderSql, sectionsBodySql } from './sql-tables';

type Row = Record<string, unknown>;
const all = async (db: RawRunner, sql: string, bindings: unknown[] = []) =>
  (await db.raw(sql, bindings)) as Row[];
const placeholders = (values: unknown[]) => values.map(() => '?').join(', ');

const BODY = sectionsBodySql(
  (parts) => parts.join(' || '),
  (text) => `group_concat(${text}, char(10) || char(10) ORDER BY c."order")`
);
const KINDS = [
  { kind: 'topic', links: T.topicLinks, column: 'topic_id', table: 'topics' },
  { kind: 'supportType', links: T.supportTypeLinks, column: 'support_type_id', table: 'support_types' },
  { kind: 'council', links: T.councilLinks, column: 'council_id', table: 'councils' },
] as const;

/** The least string greater than every string starting with `prefix` (for a range scan). */
function nextString(prefix: string): string {
  const chars = [...prefix];
  const last = chars.pop()!;
  return chars.join('') + String.fromCodePoint(last.codePointAt(0)! + 1);
}

/** FTS5 query: every word, quoted so that no input is read as FTS5 syntax (AND of stemmed words). */
const ftsMatch = (words: string[]) => words.map((w) => `"${w}"`).join(' ');

/** The hits relation (entry_id, publication_date, title_key[, rank]) as SQL plus its bindings. */
function hitsSql(
  query: SearchQuery,
  extraColumns = '',
  except?: 'topics' | 'supportTypes'
): { sql: string; bindings: unknown[] } {
  const bindings: unknown[] = [];
  const where: string[] = [];
  const keyword = query.words.length > 0;
  if (keyword) bindings.push(ftsMatch(query.words));
  const anyOf = (kind: string, table: string, slugs: string[], column = 'slug') => {
    if (!slugs.length) return;
    where.push(`f.entry_id IN (SELECT st.entry_id FROM search_terms st JOIN ${table} x ON x.id = st.term_id
      WHERE st.kind = '${kind}' AND x.${column} IN (${placeholders(slugs)}))`);
    bindings.push(...slugs);
  };
  if (except !== 'topics') anyOf('topic', 'topics', query.topics);
  if (except !== 'supportTypes') anyOf('supportType', 'support_types', query.supportTypes);
  anyOf('council', 'councils', query.councils);
  if (query.region) anyOf('council', 'councils', [query.region], 'region');
  if (query.from) (where.push('f.publication_date >= ?'), bindings.push(query.from));
  if (query.to) (where.push('f.publication_date <= ?'), bindings.push(query.to));
  const sql = `SELECT f.entry_id, f.publication_date, f.title_key
      ${keyword ? ', -bm25(search_fts, 10.0, 4.0, 1.0) AS rank' : ''} ${extraColumns}
    FROM search_facts f ${keyword ? 'JOIN search_fts ON search_fts.rowid = f.entry_id AND search_fts MATCH ?' : ''}
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  return { sql, bindings };
}

async function facetCounts(
  db: RawRunner,
  kind: string,
  table: string,
  hits: { sql: string; bindings: unknown[] }
) {
  return (await all(
    db,
    `SELECT x.slug, x.name, (SELECT count(*) FROM search_terms st WHERE st.kind = '${kind}' AND st.term_id = x.id
       AND st.entry_id IN (SELECT entry_id FROM (${hits.sql}))) AS count
     FROM ${table} x ORDER BY x.name`,
    hits.bindings
  )) as unknown as FacetCount[];
}

async function pageHits(db: RawRunner, query: SearchQuery): Promise<SearchHit[]> {
  const snippet = query.words.length
    ? `, snippet(search_fts, -1, '${MARK_START}', '${MARK_END}', ' … ', 24) AS snippet`
    : '';
  const hits = hitsSql(query, snippet);
  const page = await all(
    db,
    `SELECT h.*, f.document_id, t.slug, t.title, t.summary FROM (${hits.sql}) h
       JOIN search_facts f ON f.entry_id = h.entry_id JOIN search_texts t ON t.entry_id = h.entry_id
     ORDER BY ${orderSql(query.sort, query.words.length > 0, 'h.')}
     LIMIT ? OFFSET ?`,
    [...hits.bindings, query.pageSize, (query.page - 1) * query.pageSize]
  );
  const ids = page.map((r) => r.entry_id);
  const refs = ids.length
    ? await all(
        db,
        KINDS.map(
          ({
            kind,
            table,
          }) => `SELECT st.entry_id, st.kind, x.slug, x.name, ${kind === 'council' ? 'x.region' : 'NULL'} AS region
            FROM search_terms st JOIN ${table} x ON x.id = st.term_id
            WHERE st.kind = '${kind}' AND st.entry_id IN (${placeholders(ids)})`
        ).join(' UNION ALL ') + ' ORDER BY name',
        [...ids, ...ids, ...ids]
      )
    : [];
  const refsOf = (entryId: unknown, kind: string) =>
    refs
      .filter((r) => r.entry_id === entryId && r.kind === kind)
      .map((r) =>
        kind === 'council' ? { slug: r.slug, name: r.name, region: r.region } : { slug: r.slug, name: r.name }
      );
  return page.map((r) => ({
    documentId: r.document_id as string,
    title: r.title as string,
    slug: r.slug as string,
    summary: r.summary as string,
    publicationDate: (r.publication_date as string | null) ?? null,
    topics: refsOf(r.entry_id, 'topic') as SearchHit['topics'],
    supportTypes: refsOf(r.entry_id, 'supportType') as SearchHit['supportTypes'],
    councils: refsOf(r.entry_id, 'council') as CouncilRef[],
    snippet: (r.snippet as string | undefined) ?? (r.summary as string),
  }));
}

async function insertFor(db: RawRunner, where: string, bindings: unknown[]) {
  await db.raw(
    `INSERT INTO search_facts (entry_id, document_id, publication_date, title_key)
     SELECT cs.id, cs.document_id, cs.publication_date, lower(coalesce(cs.title, ''))
     FROM ${T.caseStudies} cs WHERE cs.published_at IS NOT NULL AND ${where}`,
    bindings
  );
  for (const { kind, links, column } of KINDS) {
    await db.raw(
      `INSERT OR IGNORE INTO search_terms (kind, term_id, entry_id)
       SELECT '${kind}', l.${column}, l.case_study_id FROM ${links} l
       JOIN ${T.caseStudies} cs ON cs.id = l.case_study_id
       WHERE cs.published_at IS NOT NULL AND l.${column} IS NOT NULL AND ${where}`,
      bindings
    );
  }
  await db.raw(
    `INSERT INTO search_texts (entry_id, slug, title, summary, body)
     SELECT cs.id, cs.slug, coalesce(cs.title, ''), coalesce(cs.summary, ''), ${BODY}
     FROM ${T.caseStudies} cs WHERE cs.published_at IS NOT NULL AND ${where}`,
    bindings
  );
}

export const sqliteBackend: SearchBackend = {
  async search(db, query): Promise<BackendResult> {
    const hits = hitsSql(query);
    const [{ total }] = await all(db, `SELECT count(*) AS total FROM (${hits.sql})`, hits.bindings);
    return {
      total: Number(total),
      hits: await pageHits(db, query),
      facets: {
        // Each facet under every filter but its own (see SearchResponse).
        topics: await facetCounts(db, 'topic', 'topics', hitsSql(query, '', 'topics')),
        supportTypes: await facetCounts(db, 'supportType', 'support_types', hitsSql(query, '', 'supportTypes')),
      },
    };
  },

  async count(db, query) {
    const hits = hitsSql(query);
    const [{ total }] = await all(db, `SELECT count(*) AS total FROM (${hits.sql})`, hits.bindings);
    return Number(total);
  },

  async knownWords(db, words) {
    const known = new Set<string>();
    for (const word of words) {
      const found = await all(db, `SELECT 1 FROM search_fts WHERE search_fts MATCH ? LIMIT 1`, [ftsMatch([word])]);
      if (found.length) known.add(word);
    }
    return known;
  },

  async similarWords(db, words) {
    // FTS5's own vocabulary (fts5vocab over an unstemmed index of the same texts): the words that
    // start with the same letter and are about as long; the service keeps those within edit distance.
    const out = new Map<string, Array<{ word: string; ndoc: number }>>();
    for (const word of words) {
      const first = [...word][0];
      const rows = await all(
        db,
        `SELECT term, doc FROM search_words WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?
           AND term NOT GLOB '*[0-9]*'`,
        [first, nextString(first), [...word].length - 2, [...word].length + 2]
      );
      out.set(word, rows.map((r) => ({ word: r.term as string, ndoc: Number(r.doc) })));
    }
    return out;
  },

  async suggest(db, query) {
    const items: SuggestItem[] = [];
    const match = `title : (${[...query.words.map((w) => `"${w}"`), `"${query.prefix}" *`].join(' AND ')})`;
    const titles = await all(
      db,
      `SELECT t.title, t.slug FROM search_fts JOIN search_texts t ON t.entry_id = search_fts.rowid
       WHERE search_fts MATCH ? LIMIT ?`,
      [match, TITLE_SUGGESTIONS]
    );
    for (const t of titles.sort((a, b) => String(a.title).localeCompare(String(b.title))))
      items.push({ type: 'title', text: t.title as string, slug: t.slug as string });
    const words = await all(
      db,
      `SELECT term FROM search_words WHERE term >= ? AND term < ? AND term <> ? AND term NOT GLOB '*[0-9]*'
       ORDER BY doc DESC, term LIMIT ?`,
      [query.prefix, nextString(query.prefix), query.prefix, query.limit]
    );
    for (const { term } of words) items.push({ type: 'word', text: [...query.words, term as string].join(' ') });
    return items.slice(0, query.limit);
  },

  async refresh(db, documentIds) {
    const ids = [...new Set(documentIds)];
    const old = `(SELECT entry_id FROM search_facts WHERE document_id IN (${placeholders(ids)}))`;
    for (const table of ['search_terms', 'search_texts']) {
      await db.raw(`DELETE FROM ${table} WHERE entry_id IN ${old}`, ids);
    }
    await db.raw(`DELETE FROM search_facts WHERE document_id IN (${placeholders(ids)})`, ids);
    await insertFor(db, `cs.document_id IN (${placeholders(ids)})`, ids);
  },

  async rebuild(db) {
    for (const table of ['search_terms', 'search_texts', 'search_facts'])
      await db.raw(`DELETE FROM ${table}`);
    await insertFor(db, '1 = 1', []);
  },
};
