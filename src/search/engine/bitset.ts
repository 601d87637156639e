import { TypedFastBitSet } from 'typedfastbitset';

export { TypedFastBitSet as Bitset };

/** The union of some bitsets (a new one; empty if none). */
export function unionOf(sets: Array<TypedFastBitSet | undefined>): TypedFastBitSet {
  const out = new TypedFastBitSet();
  for (const s of sets) if (s) out.union(s);
  return out;
}

/** The intersection of the given bitsets, skipping undefined (meaning "no condition"); undefined if none. */
export function intersectionOf(sets: Array<TypedFastBitSet | undefined>): TypedFastBitSet | undefined {
  let out: TypedFastBitSet | undefined;
  for (const s of sets) {
    if (!s) continue;
    out = out ? out.intersection(s) : s.clone();
  }
  return out;
}
