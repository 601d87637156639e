import type { FacetCount, KeywordMatches, SearchQuery } from '../types';
import { Bitset, intersectionOf, unionOf } from './bitset';
import { SortedSlots } from './order';

/** One published study as the index keeps it in memory (from search_facts). */
export interface FactRow {
  entryId: number;
  documentId: string;
  /** Days since 1970-01-01, or null. */
  day: number | null;
  titleKey: string;
  topics: number[];
  supportTypes: number[];
  councils: number[];
}
export interface Term {
  id: number;
  slug: string;
  name: string;
}
export interface Vocabulary {
  topics: Term[];
  supportTypes: Term[];
  councils: Array<Term & { region: string | null }>;
}

export interface Evaluation {
  total: number;
  facets: { topics: FacetCount[]; supportTypes: FacetCount[] };
  /** The page's entry ids, in order. */
  page: number[];
}

/** Studies without a date sort after every dated one (finite, so comparators never give NaN). */
const NO_DAY = -1e9;

const KINDS = ['topics', 'supportTypes', 'councils'] as const;
type Kind = (typeof KINDS)[number];

export const dayOf = (value: unknown): number | null => {
  if (value == null || value === '') return null;
  const ms =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'number'
        ? value
        : Date.parse(`${String(value).slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(ms) ? null : Math.floor(ms / 86_400_000);
};

/**
 * The published library's facts as per-value bitsets over dense slots, with the date and title
 * orders kept sorted. Exact counts are popcounts of bitset intersections, so a filter matching
 * 23,000 studies costs the same as one matching 23: nothing visits the matching rows one by one.
 * Every process keeps one, brought up to date from the change log (see sync.ts).
 */
export class FactIndex {
  generation = -1;
  private readonly slotOfDocument = new Map<string, number>();
  private entryOfSlot = new Int32Array(1024);
  private slotOfEntry = new Int32Array(1024).fill(-1);
  private dayOfSlot = new Float64Array(1024);
  private titleOfSlot: string[] = [];
  private readonly termsOfSlot: Array<Record<Kind, number[]> | undefined> = [];
  private readonly free: number[] = [];
  private slots = 0;
  private readonly alive = new Bitset();
  private readonly bits: Record<Kind, Map<number, Bitset>> = {
    topics: new Map(),
    supportTypes: new Map(),
    councils: new Map(),
  };
  private vocabulary: Vocabulary = { topics: [], supportTypes: [], councils: [] };
  private bySlug: Record<Kind, Map<string, number>> = {
    topics: new Map(),
    supportTypes: new Map(),
    councils: new Map(),
  };
  private councilsOfRegion = new Map<string, number[]>();
  private readonly byDate = new SortedSlots((a, b) => {
    const d = this.dayOfSlot[b] - this.dayOfSlot[a];
    return d !== 0 ? d : this.entryOfSlot[b] - this.entryOfSlot[a];
  });
  private readonly byTitle = new SortedSlots((a, b) => {
    const x = this.titleOfSlot[a];
    const y = this.titleOfSlot[b];
    return x < y ? -1 : x > y ? 1 : this.entryOfSlot[a] - this.entryOfSlot[b];
  });

  get size(): number {
    return this.alive.size();
  }

  setVocabulary(vocabulary: Vocabulary): void {
    const byName = (a: Term, b: Term) => a.name.localeCompare(b.name, 'en');
    this.vocabulary = {
      topics: [...vocabulary.topics].sort(byName),
      supportTypes: [...vocabulary.supportTypes].sort(byName),
      councils: vocabulary.councils,
    };
    for (const kind of KINDS) this.bySlug[kind] = new Map(vocabulary[kind].map((t) => [t.slug, t.id]));
    this.councilsOfRegion = new Map();
    for (const c of vocabulary.councils) {
      if (!c.region) continue;
      this.councilsOfRegion.set(c.region, [...(this.councilsOfRegion.get(c.region) ?? []), c.id]);
    }
  }

  /** Replaces everything (a full load). */
  load(rows: FactRow[]): void {
    this.slotOfDocument.clear();
    this.free.length = 0;
    this.slots = 0;
    this.alive.clear();
    for (const kind of KINDS) this.bits[kind].clear();
    this.termsOfSlot.length = 0;
    this.slotOfEntry.fill(-1);
    for (const row of rows) this.place(row);
    const live: number[] = [];
    this.alive.forEach((slot) => void live.push(slot));
    this.byDate.reset([...live]);
    this.byTitle.reset(live);
  }

  /** Adds or replaces one study (its published row may have a new entry id). */
  upsert(row: FactRow): void {
    this.remove(row.documentId);
    const slot = this.place(row);
    this.byDate.insert(slot);
    this.byTitle.insert(slot);
  }

  /** Removes a study (unpublished or deleted); unknown ones are ignored. */
  remove(documentId: string): void {
    const slot = this.slotOfDocument.get(documentId);
    if (slot === undefined) return;
    this.byDate.remove(slot);
    this.byTitle.remove(slot);
    const terms = this.termsOfSlot[slot];
    for (const kind of KINDS) for (const id of terms?.[kind] ?? []) this.bits[kind].get(id)?.remove(slot);
    this.alive.remove(slot);
    this.slotOfEntry[this.entryOfSlot[slot]] = -1;
    this.slotOfDocument.delete(documentId);
    this.termsOfSlot[slot] = undefined;
    this.free.push(slot);
  }

  private place(row: FactRow): number {
    const slot = this.free.pop() ?? this.slots++;
    if (slot >= this.entryOfSlot.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T) => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.entryOfSlot = grow(this.entryOfSlot, (n) => new Int32Array(n));
      this.dayOfSlot = grow(this.dayOfSlot, (n) => new Float64Array(n));
    }
    if (row.entryId >= this.slotOfEntry.length) {
      const b = new Int32Array(Math.max(row.entryId + 1, this.slotOfEntry.length * 2)).fill(-1);
      b.set(this.slotOfEntry);
      this.slotOfEntry = b;
    }
    this.entryOfSlot[slot] = row.entryId;
    this.slotOfEntry[row.entryId] = slot;
    this.dayOfSlot[slot] = row.day ?? NO_DAY;
    this.titleOfSlot[slot] = row.titleKey;
    this.slotOfDocument.set(row.documentId, slot);
    const terms = { topics: row.topics, supportTypes: row.supportTypes, councils: row.councils };
    this.termsOfSlot[slot] = terms;
    for (const kind of KINDS) {
      for (const id of terms[kind]) {
        let set = this.bits[kind].get(id);
        if (!set) this.bits[kind].set(id, (set = new Bitset()));
        set.add(slot);
      }
    }
    this.alive.add(slot);
    return slot;
  }

  private anyOf(kind: Kind, ids: number[]): Bitset {
    return unionOf(ids.map((id) => this.bits[kind].get(id)));
  }

  private ids(kind: Kind, slugs: string[]): number[] {
    return slugs.map((s) => this.bySlug[kind].get(s)).filter((id): id is number => id !== undefined);
  }

  private dateRange(from?: string, to?: string): Bitset | undefined {
    if (!from && !to) return undefined;
    const lo = from ? dayOf(from)! : -Infinity;
    const hi = to ? dayOf(to)! : Infinity;
    const out = new Bitset();
    this.alive.forEach((slot) => {
      const d = this.dayOfSlot[slot];
      if (d !== NO_DAY && d >= lo && d <= hi) out.add(slot);
    });
    return out;
  }

  private keywordSet(matches: KeywordMatches): Bitset {
    const out = new Bitset();
    for (const entryId of matches.ids) {
      const slot = entryId < this.slotOfEntry.length ? this.slotOfEntry[entryId] : -1;
      if (slot >= 0) out.add(slot);
    }
    return out;
  }

  /**
   * Total, facets (each under every filter but its own) and one page, all exact.
   * `keyword` is the keyword's matches when the query has one.
   */
  evaluate(query: SearchQuery, keyword?: KeywordMatches): Evaluation {
    const region = query.region ? (this.councilsOfRegion.get(query.region) ?? []) : undefined;
    const base = intersectionOf([
      this.alive,
      query.councils.length ? this.anyOf('councils', this.ids('councils', query.councils)) : undefined,
      region ? this.anyOf('councils', region) : undefined,
      this.dateRange(query.from, query.to),
      keyword ? this.keywordSet(keyword) : undefined,
    ])!;
    const topics = query.topics.length ? this.anyOf('topics', this.ids('topics', query.topics)) : undefined;
    const supportTypes = query.supportTypes.length
      ? this.anyOf('supportTypes', this.ids('supportTypes', query.supportTypes))
      : undefined;
    const matching = intersectionOf([base, topics, supportTypes])!;
    const counted = (kind: 'topics' | 'supportTypes', pool: Bitset): FacetCount[] =>
      this.vocabulary[kind].map((t) => {
        const set = this.bits[kind].get(t.id);
        return { slug: t.slug, name: t.name, count: set ? pool.intersection_size(set) : 0 };
      });
    return {
      total: matching.size(),
      facets: {
        topics: counted('topics', supportTypes ? base.clone().intersection(supportTypes) : base),
        supportTypes: counted('supportTypes', topics ? base.clone().intersection(topics) : base),
      },
      page: this.page(query, matching, keyword),
    };
  }

  private page(query: SearchQuery, matching: Bitset, keyword?: KeywordMatches): number[] {
    const offset = (query.page - 1) * query.pageSize;
    if (keyword && query.sort === 'relevance') {
      // Ranked matches (title, summary or headings: a few thousand at most) sorted by rank; the rest
      // (body-only, rank 0) follow in date order from the kept date order, so nothing sorts them all.
      const ranked: number[] = [];
      for (const [entryId, rank] of keyword.ranks) {
        if (rank <= 0) continue;
        const slot = entryId < this.slotOfEntry.length ? this.slotOfEntry[entryId] : -1;
        if (slot >= 0 && matching.has(slot)) ranked.push(slot);
      }
      const rank = (slot: number) => keyword.ranks.get(this.entryOfSlot[slot]) ?? 0;
      ranked.sort(
        (a, b) => rank(b) - rank(a) || this.dayOfSlot[b] - this.dayOfSlot[a] || this.entryOfSlot[b] - this.entryOfSlot[a]
      );
      const out = ranked.slice(offset, offset + query.pageSize).map((s) => this.entryOfSlot[s]);
      let skip = Math.max(0, offset - ranked.length);
      if (out.length < query.pageSize) {
        this.byDate.walk((slot) => {
          if (!matching.has(slot) || rank(slot) > 0) return true;
          if (skip > 0) return (skip -= 1), true;
          out.push(this.entryOfSlot[slot]);
          return out.length < query.pageSize;
        });
      }
      return out;
    }
    const out: number[] = [];
    let skip = offset;
    const take = (slot: number) => {
      if (!matching.has(slot)) return true;
      if (skip > 0) return ((skip -= 1), true);
      out.push(this.entryOfSlot[slot]);
      return out.length < query.pageSize;
    };
    if (query.sort === 'title') this.byTitle.walk(take);
    else if (query.sort === 'oldest') this.byDate.walkBackward(take);
    else this.byDate.walk(take);
    return out;
  }
}
