// 32-bit string hashing and seed mixing. FNV-1a over UTF-16 code units, then murmur3's finaliser so that
// nearby strings ("host1", "host2") land far apart in every bit.

/** murmur3 fmix32: a bijective avalanche on 32-bit integers. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A well-mixed 32-bit hash of `text`, varied by `seed`. */
export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ fmix32(seed + 0x9e3779b9)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h ^ text.length);
}

/** Combines integers into one 32-bit seed; never returns 0 (xorshift's fixed point). */
export function mixSeed(...parts: number[]): number {
  let h = 0x2545f491;
  for (const p of parts) h = fmix32((h ^ fmix32(p >>> 0)) + 0x9e3779b9);
  return h === 0 ? 0x6d2b79f5 : h;
}
