// CPU-time measurement for every bench section: on a machine shared with other jobs, wall time mostly measures
// waiting for a core; this process's CPU time (user + system) measures the work.

/** Median of `xs` (the upper middle value for an even count). */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Calls `f` until at least `minSeconds` of CPU time have passed (at least once) and returns the CPU seconds
 * per call, with the last call's result. A round of a few milliseconds on a shared machine measures the
 * scheduler more than the work: the 1,000-message demo sample and the per-stage passes are that short.
 */
export function cpuSecondsPerCall<T>(f: () => T, minSeconds = 0.25): { result: T; seconds: number } {
  const c0 = process.cpuUsage();
  let calls = 0;
  let result: T;
  let spent = 0;
  do {
    result = f();
    calls++;
    const c = process.cpuUsage(c0);
    spent = (c.user + c.system) / 1e6;
  } while (spent < minSeconds);
  return { result, seconds: spent / calls };
}

/** Runs `f` once and returns what it returned and the CPU seconds this process spent on it. */
export const cpuSeconds = <T>(f: () => T): { result: T; seconds: number } => cpuSecondsPerCall(f, 0);
