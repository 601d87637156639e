import { createHash } from 'crypto';
import { LRUCache } from 'lru-cache';
import { FactIndex } from './engine/facts';
import { changesBetween, coalescedReader, readGeneration, type GenerationState } from './generation';
import { snippetHtml } from './snippet';
import { spellingSuggestion } from './spelling';
import type {
  KeywordMatches,
  RawRunner,
  SearchBackend,
  SearchQuery,
  SearchResponse,
  SuggestQuery,
  SuggestResponse,
} from './types';

export interface SearchCoreOptions {
  backend: SearchBackend;
  db: () => RawRunner;
  /** Responses and keyword matches kept per process, for the current generation only. */
  cache: { enabled: boolean; maxBytes: number };
  /** Part of every ETag, so a deploy that changes the answers' shape changes the tags. */
  version: string;
  /** Read with the generation (tables.ts: publicActionsSql), so each request's access check is free. */
  publicActionsSql?: string;
}

/** A cached answer: the value for in-process callers, its JSON for HTTP (made once), its ETag. */
export interface Answer<T> {
  value: T;
  etag: string;
  json(): string;
}

export interface SearchStats {
  generationReads: number;
  syncs: { full: number; incremental: number };
  responses: { hits: number; misses: number };
  keywords: { hits: number; misses: number };
}

/**
 * The search, independent of Strapi (bench/bare-server.js runs the same code on a bare pg pool):
 * read the data generation (one coalesced query), bring the in-memory facts up to it, then answer
 * from the response cache or compute: the keyword's matches from the database (cached per
 * generation), counts, facets and the page in memory, and the page's rows from the database.
 */
export function createSearchCore({ backend, db, cache, version, publicActionsSql }: SearchCoreOptions) {
  const facts = new FactIndex();
  const stats: SearchStats = {
    generationReads: 0,
    syncs: { full: 0, incremental: 0 },
    responses: { hits: 0, misses: 0 },
    keywords: { hits: 0, misses: 0 },
  };
  const readState = coalescedReader(() => (stats.generationReads++, readGeneration(db(), publicActionsSql)));
  const answers = new LRUCache<string, string>({
    maxSize: Math.max(1, cache.maxBytes),
    sizeCalculation: (json) => 2 * json.length + 200,
  });
  // Ids cost 4 bytes each, a rank's Map entry about 64.
  const keywords = new LRUCache<string, KeywordMatches>({
    maxSize: Math.max(1, cache.maxBytes),
    sizeCalculation: (m) => m.ids.byteLength + 64 * m.ranks.size + 64,
  });
  let syncing: Promise<void> | undefined;

  async function sync(state: GenerationState): Promise<void> {
    const runner = db();
    if (facts.generation < 0 || facts.generation + 1 < state.logFloor) {
      facts.setVocabulary(await backend.vocabulary(runner));
      facts.load(await backend.facts(runner));
      stats.syncs.full++;
    } else {
      const changes = await changesBetween(runner, facts.generation, state.generation);
      if (changes.vocabulary) facts.setVocabulary(await backend.vocabulary(runner));
      if (changes.documentIds.length) {
        const rows = await backend.facts(runner, changes.documentIds);
        const present = new Set(rows.map((r) => r.documentId));
        for (const id of changes.documentIds) if (!present.has(id)) facts.remove(id);
        for (const row of rows) facts.upsert(row);
      }
      stats.syncs.incremental++;
    }
    facts.generation = state.generation;
    answers.clear();
    keywords.clear();
  }

  /** The current generation, with the facts brought up to it. */
  async function current(): Promise<GenerationState> {
    const state = await readState();
    while (facts.generation < state.generation) {
      syncing ??= sync(state).finally(() => (syncing = undefined));
      await syncing;
    }
    return state;
  }

  async function keywordMatches(words: string[]): Promise<KeywordMatches> {
    const key = words.join(' ');
    const hit = cache.enabled ? keywords.get(key) : undefined;
    if (hit) return (stats.keywords.hits++, hit);
    stats.keywords.misses++;
    const matches = await backend.keywordMatches(db(), words);
    if (cache.enabled) keywords.set(key, matches);
    return matches;
  }

  const evaluate = async (query: SearchQuery) =>
    facts.evaluate(query, query.words.length ? await keywordMatches(query.words) : undefined);

  async function compute(query: SearchQuery): Promise<SearchResponse> {
    const { total, facets, page } = await evaluate(query);
    const hits = await backend.hits(db(), page, query.words);
    const suggestion = await spellingSuggestion(
      backend,
      db(),
      query,
      total,
      async (q) => (await evaluate(q)).total
    );
    return {
      data: hits.map((hit) => ({ ...hit, snippet: snippetHtml(hit.snippet ?? '') })),
      meta: {
        pagination: {
          page: query.page,
          pageSize: query.pageSize,
          pageCount: Math.ceil(total / query.pageSize),
          total,
        },
        facets,
        ...(suggestion ? { suggestion } : {}),
      },
    };
  }

  const etagFor = (generation: number, key: string) =>
    `"${generation.toString(36)}-${createHash('sha1').update(version).update(key).digest('base64url').slice(0, 16)}"`;

  async function answer<T>(key: string, state: GenerationState, make: () => Promise<T>): Promise<Answer<T>> {
    const cacheKey = `${state.generation}|${key}`;
    const etag = etagFor(state.generation, key);
    // Only the JSON is kept: parsed answers cost several times their text in heap, uncounted.
    const cached = cache.enabled ? answers.get(cacheKey) : undefined;
    if (cached !== undefined) {
      stats.responses.hits++;
      return { etag, json: () => cached, get value() { return JSON.parse(cached) as T; } };
    }
    stats.responses.misses++;
    const value = await make();
    const json = JSON.stringify(value);
    if (cache.enabled) answers.set(cacheKey, json);
    return { value, etag, json: () => json };
  }

  /** A canonical key for a query: two URLs asking the same thing share cache entries and ETags. */
  const searchKey = (query: SearchQuery) =>
    `search:${JSON.stringify({ ...query, q: undefined, topics: [...query.topics].sort(), supportTypes: [...query.supportTypes].sort(), councils: [...query.councils].sort() })}`;
  const suggestKey = (query: SuggestQuery) =>
    `suggest:${JSON.stringify([query.words, query.prefix, query.limit])}`;

  return {
    /** The current generation (facts brought up to it): what the ETag of any answer now would carry. */
    current,
    etagFor,
    searchKey,
    suggestKey,
    async search(query: SearchQuery, state?: GenerationState): Promise<Answer<SearchResponse>> {
      const at = state ?? (await current());
      return answer(searchKey(query), at, () => compute(query));
    },
    async suggest(query: SuggestQuery, state?: GenerationState): Promise<Answer<SuggestResponse>> {
      const at = state ?? (await current());
      return answer(suggestKey(query), at, async () => ({ data: await backend.suggest(db(), query) }));
    },
    stats: () => ({ ...stats, facts: facts.size, generation: facts.generation }),
  };
}

export type SearchCore = ReturnType<typeof createSearchCore>;
