import type { FactRow, Vocabulary } from '../engine/facts';
import { dayOf } from '../engine/facts';
import { rowsOf } from '../generation';
import { REBUILT_INDEXES } from '../schema';
import type { StrapiTables } from '../tables';
import type { RawRunner, SearchBackend, SearchHit, SuggestItem } from '../types';
import { MARK_END, MARK_START, TITLE_SUGGESTIONS } from '../types';
import { linkSource, sectionsSql, type SqlDialect } from './sources';

/** A PostgreSQL array literal (knex would expand a JS array binding into a list). */
export function pgArray(values: Array<string | number>): string {
  return `{${values.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

const PG: SqlDialect = {
  aggregate: (expr, separator, order) => `string_agg(${expr}, ${separator} ORDER BY ${order})`,
  newline: `E'\\n'`,
};
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;
/** Beyond this many matches a keyword is ordered by date: ranking them all would cost more than it tells. */
export const RANK_LIMIT = 5000;
const TSQUERY = `plainto_tsquery('english', ?)`;

/** The words of a texts row `t` as the vocabulary keeps them: lower-cased, unstemmed, letters only. */
const WORDS_OF = (t: string) =>
  `SELECT w FROM unnest(tsvector_to_array(to_tsvector('simple', ${t}.title || ' ' || ${t}.summary || ' ' || ${t}.body))) w
   WHERE w ~ '^[[:alpha:]]{2,40}$'`;

const ints = (text: string | null | undefined): number[] => (text ? text.split(',').map(Number) : []);

/** Comma-separated ids from our own SQL into a typed array, without a string per id (a word in every study is 100,000). */
function idArray(text: string | null | undefined): Int32Array {
  if (!text) return new Int32Array(0);
  let count = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) count++;
  const out = new Int32Array(count);
  let value = 0;
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) (out[k++] = value), (value = 0);
    else value = value * 10 + (c - 48);
  }
  out[k] = value;
  return out;
}

export function postgresBackend(t: StrapiTables): SearchBackend {
  const published = (where: string) =>
    `FROM ${t.caseStudies} cs WHERE cs.published_at IS NOT NULL AND ${where}`;
  const ids = (link: StrapiTables['topicLinks']) => `array(${linkSource(link)})`;

  /** Inserts every index row of the published studies matching `where` (over cs). */
  async function insert(db: RawRunner, where: string, bindings: unknown[]) {
    await db.raw(
      `INSERT INTO search_facts (entry_id, document_id, publication_date, title_key, topic_ids, support_type_ids, council_ids)
       SELECT cs.id, cs.document_id, cs.publication_date, lower(coalesce(cs.title, '')),
         ${ids(t.topicLinks)}, ${ids(t.supportTypeLinks)}, ${ids(t.councilLinks)} ${published(where)}`,
      bindings
    );
    await db.raw(
      `INSERT INTO search_texts (entry_id, slug, title, summary, body)
       SELECT cs.id, cs.slug, coalesce(cs.title, ''), coalesce(cs.summary, ''), ${sectionsSql(t, PG, 'both')} ${published(where)}`,
      bindings
    );
    await db.raw(
      `INSERT INTO search_rank (entry_id, tsv)
       SELECT cs.id, setweight(to_tsvector('english', coalesce(cs.title, '')), 'A') ||
         setweight(to_tsvector('english', coalesce(cs.summary, '')), 'B') ||
         setweight(to_tsvector('english', ${sectionsSql(t, PG, 'headings')}), 'C') ${published(where)}`,
      bindings
    );
    await db.raw(
      `INSERT INTO search_match (entry_id, tsv)
       SELECT cs.id, r.tsv || setweight(to_tsvector('english', ${sectionsSql(t, PG, 'bodies')}), 'D')
       FROM ${t.caseStudies} cs JOIN search_rank r ON r.entry_id = cs.id WHERE cs.published_at IS NOT NULL AND ${where}`,
      bindings
    );
  }

  /** Per-word document counts of these entries' texts. */
  async function wordCounts(db: RawRunner, documentIds: string): Promise<Map<string, number>> {
    const rows = rowsOf<{ w: string; n: number }>(
      await db.raw(
        `SELECT x.w, count(*)::int AS n FROM search_texts t JOIN search_facts f USING (entry_id), LATERAL (${WORDS_OF('t')}) x
         WHERE f.document_id = ANY(?::text[]) GROUP BY x.w`,
        [documentIds]
      )
    );
    return new Map(rows.map((r) => [r.w, r.n]));
  }

  /** Adds the difference between two word counts to the vocabulary, in word order (no deadlock between writers). */
  async function applyWordDeltas(db: RawRunner, before: Map<string, number>, after: Map<string, number>) {
    const delta = new Map(after);
    for (const [w, n] of before) delta.set(w, (delta.get(w) ?? 0) - n);
    const changed = [...delta].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (!changed.length) return;
    const words = pgArray(changed.map(([w]) => w));
    await db.raw(
      `INSERT INTO search_words (word, ndoc)
       SELECT w, n FROM unnest(?::text[], ?::int[]) AS d(w, n) ORDER BY w
       ON CONFLICT (word) DO UPDATE SET ndoc = search_words.ndoc + EXCLUDED.ndoc`,
      [words, pgArray(changed.map(([, n]) => n))]
    );
    await db.raw(`DELETE FROM search_words WHERE word = ANY(?::text[]) AND ndoc <= 0`, [words]);
  }

  const refs = (column: string, table: string, extra = '') =>
    `(SELECT coalesce(json_agg(json_build_object('slug', x.slug, 'name', x.name${extra}) ORDER BY x.name), '[]')
       FROM ${table} x WHERE x.id = ANY(f.${column}))`;

  return {
    async facts(db, documentIds) {
      const rows = rowsOf<Record<string, string | number | null>>(
        await db.raw(
          `SELECT entry_id, document_id, publication_date::text AS day, title_key,
             array_to_string(topic_ids, ',') AS t, array_to_string(support_type_ids, ',') AS s,
             array_to_string(council_ids, ',') AS c
           FROM search_facts ${documentIds ? 'WHERE document_id = ANY(?::text[])' : ''}`,
          documentIds ? [pgArray(documentIds)] : []
        )
      );
      return rows.map(
        (r): FactRow => ({
          entryId: Number(r.entry_id),
          documentId: String(r.document_id),
          day: dayOf(r.day),
          titleKey: String(r.title_key),
          topics: ints(r.t as string),
          supportTypes: ints(r.s as string),
          councils: ints(r.c as string),
        })
      );
    },

    async vocabulary(db) {
      const named = async (table: string, extra = '') =>
        rowsOf<{ id: number; slug: string; name: string; region?: string | null }>(
          await db.raw(`SELECT id, slug, name${extra} FROM ${table}`)
        );
      return {
        topics: await named(t.topics),
        supportTypes: await named(t.supportTypes),
        councils: (await named(t.councils, ', region')) as Vocabulary['councils'],
      };
    },

    async keywordMatches(db, words) {
      const [row] = rowsOf<{ ids: string | null; ranks: string | null }>(
        await db.raw(`SELECT ids, ranks FROM search_keyword(${TSQUERY}, ?)`, [words.join(' '), RANK_LIMIT])
      );
      const ranks = new Map<number, number>();
      for (const pair of row?.ranks ? row.ranks.split(',') : []) {
        const at = pair.indexOf(':');
        ranks.set(Number(pair.slice(0, at)), Number(pair.slice(at + 1)));
      }
      return { ids: idArray(row?.ids), ranks };
    },

    async hits(db, entryIds, words) {
      if (!entryIds.length) return [];
      const keyword = words.length > 0;
      const snippet = keyword
        ? `ts_headline('english', t.summary || E'\\n\\n' || t.body, ${TSQUERY}, '${HEADLINE_OPTIONS}')`
        : 't.summary';
      const [row] = rowsOf<{ hits: SearchHit[] | null }>(
        await db.raw(
          `SELECT json_agg(x.hit ORDER BY x.ord) AS hits FROM (
             SELECT p.ord, json_build_object('documentId', f.document_id, 'title', t.title, 'slug', t.slug,
               'summary', t.summary, 'publicationDate', f.publication_date,
               'topics', ${refs('topic_ids', t.topics)},
               'supportTypes', ${refs('support_type_ids', t.supportTypes)},
               'councils', ${refs('council_ids', t.councils, `, 'region', x.region`)},
               'snippet', ${snippet}) AS hit
             FROM unnest(?::int[]) WITH ORDINALITY p(entry_id, ord)
             JOIN search_facts f USING (entry_id) JOIN search_texts t USING (entry_id)) x`,
          [...(keyword ? [words.join(' ')] : []), pgArray(entryIds)]
        )
      );
      return row?.hits ?? [];
    },

    async knownWords(db, words) {
      // A word is known if searching for it alone finds a published study (so "prevents" is known).
      const rows = rowsOf<{ w: string }>(
        await db.raw(
          `SELECT w FROM unnest(?::text[]) w
           WHERE numnode(plainto_tsquery('english', w)) = 0
              OR EXISTS (SELECT 1 FROM search_match m WHERE m.tsv @@ plainto_tsquery('english', w))`,
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
      // No ORDER BY: the GIN bitmap is built once and the scan stops after a few rows (bounded cost).
      const titles = rowsOf<{ title: string; slug: string }>(
        await db.raw(
          `SELECT title, slug FROM search_texts WHERE to_tsvector('simple', title) @@ to_tsquery('simple', ?) LIMIT ?`,
          [[...query.words, `${query.prefix}:*`].join(' & '), TITLE_SUGGESTIONS]
        )
      );
      for (const x of titles.sort((a, b) => a.title.localeCompare(b.title)))
        items.push({ type: 'title', text: x.title, slug: x.slug });
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
      const docs = pgArray([...new Set(documentIds)].sort());
      // Serialises refreshes of one document across processes; sorted, so two batches cannot deadlock.
      await db.raw(
        `SELECT pg_advisory_xact_lock(hashtext('search:' || d)) FROM unnest(?::text[]) d ORDER BY d`,
        [docs]
      );
      const before = await wordCounts(db, docs);
      await db.raw(`DELETE FROM search_facts WHERE document_id = ANY(?::text[])`, [docs]);
      await insert(db, 'cs.document_id = ANY(?::text[])', [docs]);
      await applyWordDeltas(db, before, await wordCounts(db, docs));
    },

    async rebuild(request) {
      const db = withoutReadTimeout(request);
      await db.raw(`SELECT pg_advisory_xact_lock(hashtext('search:rebuild'))`);
      // Indexing a whole bulk-loaded library takes longer than the per-request statement timeout allows.
      await db.raw(`SET LOCAL statement_timeout = 0`);
      await db.raw(`SET LOCAL maintenance_work_mem = '256MB'`);
      await db.raw(`TRUNCATE search_match, search_rank, search_texts, search_facts, search_words`);
      for (const name of Object.keys(REBUILT_INDEXES)) await db.raw(`DROP INDEX IF EXISTS ${name}`);
      await insert(db, 'TRUE', []);
      // ts_stat counts words in C: grouping the unnested words of 100,000 studies in SQL took minutes.
      await db.raw(
        `INSERT INTO search_words (word, ndoc)
         SELECT word, ndoc FROM ts_stat($$SELECT to_tsvector('simple', title || ' ' || summary || ' ' || body) FROM search_texts$$)
         WHERE word ~ '^[[:alpha:]]{2,40}$'`
      );
      for (const [name, on] of Object.entries(REBUILT_INDEXES)) await db.raw(`CREATE INDEX ${name} ON ${on}`);
    },
  };
}

/** Six hours: a rebuild's own bound (setTimeout's limit is about 24 days; 0 would mean the default). */
const REBUILD_READ_TIMEOUT_MS = 6 * 60 * 60 * 1000;

/**
 * pg ends any query whose answer takes longer than the connection's query_timeout (config/database.ts:
 * the statement timeout plus 5 s, so a dead network fails a request fast). SET LOCAL statement_timeout
 * lifts the server's bound only: a rebuild's statements take minutes at 100,000 studies, so each one
 * also carries its own client-side read timeout (knex passes `options` through to pg's query config).
 */
function withoutReadTimeout(db: RawRunner): RawRunner {
  const knex = db as unknown as {
    raw(sql: string, bindings: readonly unknown[]): { options(o: Record<string, unknown>): Promise<unknown> };
  };
  return { raw: (sql, bindings = []) => knex.raw(sql, bindings).options({ query_timeout: REBUILD_READ_TIMEOUT_MS }) };
}

