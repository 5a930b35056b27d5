import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Compares two secrets in time independent of where they differ. Both sides are hashed first so that
 * unequal lengths neither throw (as `timingSafeEqual` does) nor leak the expected length through timing.
 */
export function constantTimeEqual(a: string | Uint8Array, b: string | Uint8Array): boolean {
  const da = createHash("sha256").update(a).digest();
  const db = createHash("sha256").update(b).digest();
  return timingSafeEqual(da, db);
}

/** True when `candidate` equals any of `secrets`; every secret is compared so timing does not reveal which matched. */
export function matchesAny(candidate: string | Uint8Array, secrets: readonly (string | Uint8Array)[]): boolean {
  let matched = false;
  for (const secret of secrets) {
    if (constantTimeEqual(candidate, secret)) matched = true;
  }
  return matched;
}
