import { FactIndex, dayOf, type FactRow, type Vocabulary } from '../../src/search/engine/facts';
import { bestCorrection } from '../../src/search/spelling';
import type { SearchQuery } from '../../src/search/types';

/** The in-memory engine against a brute-force oracle, with no Strapi and no database. */
function prng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}
const random = prng(42);
const pickSome = (n: number, max: number) => [...new Set(Array.from({ length: Math.floor(random() * (max + 1)) }, () => 1 + Math.floor(random() * n)))];

const vocabulary: Vocabulary = {
  topics: Array.from({ length: 6 }, (_, i) => ({ id: i + 1, slug: `t${i + 1}`, name: `Topic ${String.fromCharCode(70 - i)}` })),
  supportTypes: Array.from({ length: 3 }, (_, i) => ({ id: i + 1, slug: `s${i + 1}`, name: `Support ${i + 1}` })),
  councils: Array.from({ length: 5 }, (_, i) => ({ id: i + 1, slug: `c${i + 1}`, name: `Council ${i + 1}`, region: i < 2 ? 'north' : 'south' })),
};
let nextEntry = 1;
const row = (documentId: string): FactRow => ({
  entryId: nextEntry++,
  documentId,
  day: random() < 0.1 ? null : dayOf(`20${10 + Math.floor(random() * 10)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`),
  titleKey: `title ${Math.floor(random() * 50)}`,
  topics: pickSome(6, 3),
  supportTypes: pickSome(3, 2),
  councils: pickSome(5, 2),
});

const query = (over: Partial<SearchQuery>): SearchQuery => ({
  words: [], topics: [], supportTypes: [], councils: [], sort: 'date', page: 1, pageSize: 10, ...over,
});

function oracle(rows: Map<string, FactRow>, q: SearchQuery, keyword?: Map<number, number>) {
  // keyword: entry id -> rank (0 = matched in the body only)
  const ids = (slugs: string[], list: Array<{ id: number; slug: string }>) => slugs.map((s) => list.find((t) => t.slug === s)?.id);
  const anyOf = (have: number[], want: Array<number | undefined>, active: boolean) => !active || want.some((w) => w !== undefined && have.includes(w));
  const regionCouncils = vocabulary.councils.filter((c) => c.region === q.region).map((c) => c.id);
  const pass = (r: FactRow, except?: 'topics' | 'supportTypes') =>
    (except === 'topics' || anyOf(r.topics, ids(q.topics, vocabulary.topics), q.topics.length > 0)) &&
    (except === 'supportTypes' || anyOf(r.supportTypes, ids(q.supportTypes, vocabulary.supportTypes), q.supportTypes.length > 0)) &&
    anyOf(r.councils, ids(q.councils, vocabulary.councils), q.councils.length > 0) &&
    (!q.region || r.councils.some((c) => regionCouncils.includes(c))) &&
    (!q.from || (r.day !== null && r.day >= dayOf(q.from)!)) &&
    (!q.to || (r.day !== null && r.day <= dayOf(q.to)!)) &&
    (!keyword || keyword.has(r.entryId));
  const all = [...rows.values()];
  const matching = all.filter((r) => pass(r));
  const facet = (field: 'topics' | 'supportTypes') =>
    vocabulary[field].map((t) => ({ slug: t.slug, count: all.filter((r) => pass(r, field) && r[field].includes(t.id)).length }));
  const day = (r: FactRow) => r.day ?? -1e9;
  const sorted = [...matching].sort((a, b) =>
    q.sort === 'title'
      ? a.titleKey < b.titleKey ? -1 : a.titleKey > b.titleKey ? 1 : a.entryId - b.entryId
      : q.sort === 'oldest'
        ? day(a) - day(b) || a.entryId - b.entryId
        : (q.sort === 'relevance' && keyword ? keyword.get(b.entryId)! - keyword.get(a.entryId)! : 0) || day(b) - day(a) || b.entryId - a.entryId
  );
  const start = (q.page - 1) * q.pageSize;
  return { total: matching.length, topics: facet('topics'), supportTypes: facet('supportTypes'), page: sorted.slice(start, start + q.pageSize).map((r) => r.entryId) };
}

describe('FactIndex: totals, facets (each under the other filters) and pages equal a brute-force count', () => {
  const index = new FactIndex();
  index.setVocabulary(vocabulary);
  const rows = new Map<string, FactRow>();
  for (let i = 0; i < 400; i++) rows.set(`d${i}`, row(`d${i}`));
  index.load([...rows.values()]);

  const queries: SearchQuery[] = [
    query({}),
    query({ topics: ['t1'] }),
    query({ topics: ['t1', 't4'], supportTypes: ['s2'], sort: 'title', page: 3 }),
    query({ councils: ['c2', 'c5'], from: '2012-01-01', to: '2016-12-31' }),
    query({ topics: ['t2'], sort: 'oldest', page: 2 }),
    query({ region: 'north', supportTypes: ['s1', 's3'], page: 2, pageSize: 7 }),
    query({ topics: ['no-such-topic'] }),
    query({ words: ['x'], sort: 'relevance', topics: ['t2'] }),
  ];

  function check() {
    const keyword = new Map([...rows.values()].filter(() => random() < 0.3).map((r) => [r.entryId, Math.round(random() * 4) / 4]));
    for (const q of queries) {
      const kw = q.words.length ? keyword : undefined;
      const got = index.evaluate(
        q,
        kw && { ids: Int32Array.from(kw.keys()), ranks: new Map([...kw].filter(([, r]) => r > 0)) }
      );
      const want = oracle(rows, q, kw);
      expect(got.total).toBe(want.total);
      expect(got.facets.topics.map(({ slug, count }) => ({ slug, count })).sort((a, b) => a.slug.localeCompare(b.slug))).toEqual(want.topics);
      expect(got.facets.supportTypes.map(({ slug, count }) => ({ slug, count }))).toEqual(want.supportTypes);
      expect(got.page).toEqual(want.page);
    }
  }

  it('after a full load', check);

  it('after publishes, edits (new entry ids), unpublishes and deletes applied one by one', () => {
    for (let step = 0; step < 300; step++) {
      const id = `d${Math.floor(random() * 450)}`;
      if (random() < 0.3 && rows.has(id)) {
        rows.delete(id);
        index.remove(id);
      } else {
        const r = row(id);
        rows.set(id, r);
        index.upsert(r);
      }
    }
    expect(index.size).toBe(rows.size);
    check();
  });

  it('lists facet values by name, count 0 included', () => {
    const got = index.evaluate(query({ topics: ['no-such-topic'] }));
    expect(got.facets.topics.map((t) => t.name)).toEqual([...vocabulary.topics.map((t) => t.name)].sort());
    expect(got.total).toBe(0);
  });
});

describe('spelling: the nearest library word within the allowed edits', () => {
  it.each([
    ['reofending', [{ word: 'reoffending', ndoc: 2 }, { word: 'offending', ndoc: 9 }], 'reoffending'],
    ['partnershp', [{ word: 'partnership', ndoc: 4 }, { word: 'partnerships', ndoc: 1 }], 'partnership'],
    ['taxo', [{ word: 'taxi', ndoc: 1 }, { word: 'tax', ndoc: 5 }], 'tax'],
    ['xylophone', [{ word: 'telephone', ndoc: 3 }], undefined],
    ['schools', [{ word: 'schools', ndoc: 3 }], undefined],
  ])('%s', (word, candidates, expected) => {
    expect(bestCorrection(word, candidates)).toBe(expected);
  });
});
