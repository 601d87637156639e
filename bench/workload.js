'use strict';
/**
 * The mixed workload: a pool of distinct search requests (keywords from the corpus vocabulary, some
 * misspelt; topic and support-type combinations; sorts; pages 1-20), replayed in a Zipf-like order so
 * a few requests are frequent and most are rare, as real traffic is.
 */
const V = require('./vocabulary');
const { prng } = require('./corpus');

const slugify = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function zipfIndex(n, s, random) {
  const cumulative = [];
  let sum = 0;
  for (let r = 1; r <= n; r++) cumulative.push((sum += 1 / r ** s));
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Words a reader might type: the themes' distinctive words first (what the library is about), then general prose. */
function keywordList() {
  const words = new Set();
  for (const [, fragment] of V.THEMES) for (const w of fragment.toLowerCase().match(/[a-z]{4,}/g)) words.add(w);
  for (const w of [...V.NOUNS, ...V.ADJECTIVES]) if (w.length >= 4) words.add(w);
  return [...words];
}

/** A plausible typo: a letter dropped, doubled or two letters swapped. */
function typo(word, random) {
  const i = 1 + Math.floor(random() * (word.length - 2));
  const kind = Math.floor(random() * 3);
  if (kind === 0) return word.slice(0, i) + word.slice(i + 1);
  if (kind === 1) return word.slice(0, i) + word[i] + word.slice(i);
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

/**
 * `distinct` different request paths, then a replay order of `length` drawn Zipf-like over them.
 * Returns { paths, order } (order holds indexes into paths).
 */
function mixedWorkload({ distinct = 3000, length = 60000, seed = 13 } = {}) {
  const random = prng(seed);
  const keywords = keywordList();
  const keyword = zipfIndex(keywords.length, 1, random);
  const topic = zipfIndex(V.TOPICS.length, 0.9, random);
  const support = zipfIndex(V.SUPPORT_TYPES.length, 0.8, random);
  const page = zipfIndex(20, 1.2, random);
  const paths = new Set();
  while (paths.size < distinct) {
    const params = new URLSearchParams();
    const hasKeyword = random() < 0.6;
    if (hasKeyword) {
      const word = keywords[keyword()];
      params.set('q', random() < 0.1 ? typo(word, random) : word);
    }
    const topics = random() < 0.5 ? 0 : random() < 0.7 ? 1 : 2;
    const chosen = new Set();
    while (chosen.size < topics) chosen.add(slugify(V.TOPICS[topic()]));
    if (chosen.size) params.set('topics', [...chosen].join(','));
    if (random() < 0.3) params.set('supportTypes', slugify(V.SUPPORT_TYPES[support()]));
    const r = random();
    params.set('sort', hasKeyword ? (r < 0.7 ? 'relevance' : r < 0.9 ? 'date' : 'title') : r < 0.8 ? 'date' : 'title');
    params.set('page', String(1 + page()));
    paths.add(`/api/case-studies/search?${params}`);
  }
  const list = [...paths];
  const pick = zipfIndex(list.length, 0.8, random);
  const order = Array.from({ length }, () => pick());
  return { paths: list, order };
}

module.exports = { mixedWorkload, keywordList };
