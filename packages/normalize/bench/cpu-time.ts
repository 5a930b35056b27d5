// CPU-time measurement for every bench section: on a machine shared with other jobs, wall time mostly measures
// waiting for a core; this process's CPU time (user + system) measures the work.

/** Median of `xs` (the upper middle value for an even count). */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Runs `f` and returns what it returned and the CPU seconds this process spent on it. */
export function cpuSeconds<T>(f: () => T): { result: T; seconds: number } {
  const c0 = process.cpuUsage();
  const result = f();
  const c = process.cpuUsage(c0);
  return { result, seconds: (c.user + c.system) / 1e6 };
}
