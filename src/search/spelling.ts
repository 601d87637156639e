import { distance } from 'fastest-levenshtein';
import type { RawRunner, SearchBackend, SearchQuery, SpellingSuggestion } from './types';

/** How many studies a query matches (the engine's exact total). */
export type Counter = (query: SearchQuery) => Promise<number>;
import { SUGGEST_BELOW } from './types';

/** Edits allowed for a word of this length: one for short words, two from five letters on. */
export const maxEdits = (word: string): number => ([...word].length <= 4 ? 1 : 2);

/**
 * The library word nearest to `word` by edit distance (within maxEdits), the commoner one on a tie;
 * undefined if none is close enough. Candidates come from the database (pg_trgm or fts5vocab).
 */
export function bestCorrection(
  word: string,
  candidates: Array<{ word: string; ndoc: number }>
): string | undefined {
  let best: { word: string; edits: number; ndoc: number } | undefined;
  for (const c of candidates) {
    if (c.word === word || c.ndoc <= 0) continue;
    const edits = distance(word, c.word);
    if (edits > maxEdits(word)) continue;
    if (!best || edits < best.edits || (edits === best.edits && c.ndoc > best.ndoc))
      best = { word: c.word, edits, ndoc: c.ndoc };
  }
  return best?.word;
}

/**
 * "Did you mean …?" for a keyword search that found fewer than SUGGEST_BELOW results: each word that
 * finds nothing on its own is replaced by its best correction, and the suggestion is offered only if
 * that search (with the same filters) finds more than this one did.
 */
export async function spellingSuggestion(
  backend: SearchBackend,
  db: RawRunner,
  query: SearchQuery,
  total: number,
  count: Counter
): Promise<SpellingSuggestion | undefined> {
  if (!query.words.length || total >= SUGGEST_BELOW) return undefined;
  const known = await backend.knownWords(db, query.words);
  const unknown = query.words.filter((w) => !known.has(w) && /\p{L}/u.test(w));
  if (!unknown.length) return undefined;
  const similar = await backend.similarWords(db, unknown);
  const words: Array<{ from: string; to: string }> = [];
  for (const from of unknown) {
    const to = bestCorrection(from, similar.get(from) ?? []);
    if (to) words.push({ from, to });
  }
  if (!words.length) return undefined;
  const replaced = query.words.map((w) => words.find((c) => c.from === w)?.to ?? w);
  const suggested = { ...query, q: replaced.join(' '), words: [...new Set(replaced)] };
  const suggestedTotal = await count(suggested);
  return suggestedTotal > total ? { q: suggested.q, total: suggestedTotal, words } : undefined;
}
