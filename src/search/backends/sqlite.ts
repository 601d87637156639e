import type { FactRow, Vocabulary } from '../engine/facts';
import { dayOf } from '../engine/facts';
import type { StrapiTables } from '../tables';
import type { CouncilRef, NamedRef, RawRunner, SearchBackend, SearchHit, SuggestItem } from '../types';
import { MARK_END, MARK_START, TITLE_SUGGESTIONS } from '../types';
import { sectionsSql, type SqlDialect } from './sources';

type Row = Record<string, unknown>;
const all = async (db: RawRunner, sql: string, bindings: unknown[] = []) =>
  (await db.raw(sql, bindings)) as Row[];
const placeholders = (values: unknown[]) => values.map(() => '?').join(', ');

const LITE: SqlDialect = {
  aggregate: (expr, separator, order) => `group_concat(${expr}, ${separator} ORDER BY ${order})`,
  newline: 'char(10)',
};
const KINDS = ['topic', 'supportType', 'council'] as const;

/** The least string greater than every string starting with `prefix` (for a range scan). */
function nextString(prefix: string): string {
  const chars = [...prefix];
  const last = chars.pop()!;
  return chars.join('') + String.fromCodePoint(last.codePointAt(0)! + 1);
}

/** FTS5 query: every word, quoted so that no input is read as FTS5 syntax (AND of stemmed words). */
const ftsMatch = (words: string[]) => words.map((w) => `"${w}"`).join(' ');

/**
 * SQLite: FTS5 with Porter stemming for the keyword (bm25 over title, summary and headings; the body
 * is matched with weight 0), a terms table for the facts, and fts5vocab over an unstemmed FTS5 index
 * for the vocabulary. One process only, so it is the small-library setup.
 */
export function sqliteBackend(t: StrapiTables): SearchBackend {
  const links = { topic: t.topicLinks, supportType: t.supportTypeLinks, council: t.councilLinks };
  const tables = { topic: t.topics, supportType: t.supportTypes, council: t.councils };

  async function insert(db: RawRunner, where: string, bindings: unknown[]) {
    const published = `FROM ${t.caseStudies} cs WHERE cs.published_at IS NOT NULL AND ${where}`;
    await db.raw(
      `INSERT INTO search_facts (entry_id, document_id, publication_date, title_key)
       SELECT cs.id, cs.document_id, cs.publication_date, lower(coalesce(cs.title, '')) ${published}`,
      bindings
    );
    for (const kind of KINDS) {
      await db.raw(
        `INSERT OR IGNORE INTO search_terms (kind, term_id, entry_id)
         SELECT '${kind}', l.${links[kind].target}, l.${links[kind].owner} FROM ${links[kind].table} l
         JOIN ${t.caseStudies} cs ON cs.id = l.${links[kind].owner}
         WHERE cs.published_at IS NOT NULL AND l.${links[kind].target} IS NOT NULL AND ${where}`,
        bindings
      );
    }
    await db.raw(
      `INSERT INTO search_texts (entry_id, slug, title, summary, headings, body)
       SELECT cs.id, cs.slug, coalesce(cs.title, ''), coalesce(cs.summary, ''), ${sectionsSql(t, LITE, 'headings')},
         ${sectionsSql(t, LITE, 'both')} ${published}`,
      bindings
    );
  }

  return {
    async facts(db, documentIds) {
      const where = documentIds ? `WHERE f.document_id IN (${placeholders(documentIds)})` : '';
      const bindings = documentIds ?? [];
      const facts = await all(
        db,
        `SELECT f.entry_id, f.document_id, f.publication_date, f.title_key FROM search_facts f ${where}`,
        bindings
      );
      const terms = await all(
        db,
        `SELECT st.entry_id, st.kind, st.term_id FROM search_terms st JOIN search_facts f ON f.entry_id = st.entry_id ${where}`,
        bindings
      );
      const byEntry = new Map<number, FactRow>();
      const rows = facts.map((r): FactRow => {
        const row = {
          entryId: Number(r.entry_id),
          documentId: String(r.document_id),
          day: dayOf(r.publication_date),
          titleKey: String(r.title_key),
          topics: [],
          supportTypes: [],
          councils: [],
        } as FactRow;
        byEntry.set(row.entryId, row);
        return row;
      });
      const field = { topic: 'topics', supportType: 'supportTypes', council: 'councils' } as const;
      for (const r of terms)
        byEntry.get(Number(r.entry_id))?.[field[r.kind as (typeof KINDS)[number]]].push(Number(r.term_id));
      return rows;
    },

    async vocabulary(db) {
      return {
        topics: (await all(db, `SELECT id, slug, name FROM ${t.topics}`)) as unknown as Vocabulary['topics'],
        supportTypes: (await all(
          db,
          `SELECT id, slug, name FROM ${t.supportTypes}`
        )) as unknown as Vocabulary['supportTypes'],
        councils: (await all(
          db,
          `SELECT id, slug, name, region FROM ${t.councils}`
        )) as unknown as Vocabulary['councils'],
      };
    },

    async keywordMatches(db, words) {
      const rows = await all(
        db,
        `SELECT rowid AS id, -bm25(search_fts, 10.0, 4.0, 2.0, 0.0) AS rank FROM search_fts WHERE search_fts MATCH ?`,
        [ftsMatch(words)]
      );
      return {
        ids: Int32Array.from(rows.map((r) => Number(r.id))),
        ranks: new Map(rows.filter((r) => Number(r.rank) > 0).map((r) => [Number(r.id), Number(r.rank)])),
      };
    },

    async hits(db, entryIds, words) {
      if (!entryIds.length) return [];
      const page = await all(
        db,
        `SELECT f.entry_id, f.document_id, f.publication_date, t.slug, t.title, t.summary FROM search_facts f
         JOIN search_texts t ON t.entry_id = f.entry_id WHERE f.entry_id IN (${placeholders(entryIds)})`,
        entryIds
      );
      const snippets = words.length
        ? await all(
            db,
            `SELECT rowid AS id, snippet(search_fts, -1, '${MARK_START}', '${MARK_END}', ' … ', 24) AS snippet
             FROM search_fts WHERE search_fts MATCH ? AND rowid IN (${placeholders(entryIds)})`,
            [ftsMatch(words), ...entryIds]
          )
        : [];
      const refs = await all(
        db,
        KINDS.map(
          (
            kind
          ) => `SELECT st.entry_id, st.kind, x.slug, x.name, ${kind === 'council' ? 'x.region' : 'NULL'} AS region
            FROM search_terms st JOIN ${tables[kind]} x ON x.id = st.term_id
            WHERE st.kind = '${kind}' AND st.entry_id IN (${placeholders(entryIds)})`
        ).join(' UNION ALL ') + ' ORDER BY name',
        [...entryIds, ...entryIds, ...entryIds]
      );
      const refsOf = (entryId: number, kind: string) =>
        refs
          .filter((r) => Number(r.entry_id) === entryId && r.kind === kind)
          .map((r) =>
            kind === 'council'
              ? { slug: r.slug, name: r.name, region: r.region }
              : { slug: r.slug, name: r.name }
          );
      const snippetOf = new Map(snippets.map((s) => [Number(s.id), s.snippet as string]));
      const byId = new Map(page.map((r) => [Number(r.entry_id), r]));
      return entryIds
        .filter((id) => byId.has(id))
        .map((id): SearchHit => {
          const r = byId.get(id)!;
          return {
            documentId: r.document_id as string,
            title: r.title as string,
            slug: r.slug as string,
            summary: r.summary as string,
            publicationDate: (r.publication_date as string | null) ?? null,
            topics: refsOf(id, 'topic') as NamedRef[],
            supportTypes: refsOf(id, 'supportType') as NamedRef[],
            councils: refsOf(id, 'council') as CouncilRef[],
            snippet: snippetOf.get(id) ?? (r.summary as string),
          };
        });
    },

    async knownWords(db, words) {
      const known = new Set<string>();
      for (const word of words) {
        const found = await all(db, `SELECT 1 FROM search_fts WHERE search_fts MATCH ? LIMIT 1`, [
          ftsMatch([word]),
        ]);
        if (found.length) known.add(word);
      }
      return known;
    },

    async similarWords(db, words) {
      // FTS5's own vocabulary (fts5vocab over the unstemmed index): words that start with the same
      // letter and are about as long; the service keeps those within edit distance.
      const out = new Map<string, Array<{ word: string; ndoc: number }>>();
      for (const word of words) {
        const first = [...word][0];
        const rows = await all(
          db,
          `SELECT term, doc FROM search_words WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?
             AND term NOT GLOB '*[0-9]*'`,
          [first, nextString(first), [...word].length - 2, [...word].length + 2]
        );
        out.set(
          word,
          rows.map((r) => ({ word: r.term as string, ndoc: Number(r.doc) }))
        );
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
      for (const x of titles.sort((a, b) => String(a.title).localeCompare(String(b.title))))
        items.push({ type: 'title', text: x.title as string, slug: x.slug as string });
      const words = await all(
        db,
        `SELECT term FROM search_words WHERE term >= ? AND term < ? AND term <> ? AND term NOT GLOB '*[0-9]*'
         ORDER BY doc DESC, term LIMIT ?`,
        [query.prefix, nextString(query.prefix), query.prefix, query.limit]
      );
      for (const { term } of words)
        items.push({ type: 'word', text: [...query.words, term as string].join(' ') });
      return items.slice(0, query.limit);
    },

    async refresh(db, documentIds) {
      const ids = [...new Set(documentIds)];
      const old = `(SELECT entry_id FROM search_facts WHERE document_id IN (${placeholders(ids)}))`;
      for (const table of ['search_terms', 'search_texts'])
        await db.raw(`DELETE FROM ${table} WHERE entry_id IN ${old}`, ids);
      await db.raw(`DELETE FROM search_facts WHERE document_id IN (${placeholders(ids)})`, ids);
      await insert(db, `cs.document_id IN (${placeholders(ids)})`, ids);
    },

    async rebuild(db) {
      for (const table of ['search_terms', 'search_texts', 'search_facts'])
        await db.raw(`DELETE FROM ${table}`);
      await insert(db, '1 = 1', []);
    },
  };
}
