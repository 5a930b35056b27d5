import { mixSeed } from "./hash";

/** A seeded xorshift32 generator: small, fast and deterministic across platforms. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform 32-bit unsigned integer. */
  uint32(): number;
}

export function createRng(seed: number): Rng {
  let x = mixSeed(seed);
  const uint32 = (): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
  return { uint32, next: () => uint32() / 4294967296 };
}
