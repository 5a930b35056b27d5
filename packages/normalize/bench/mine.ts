// Synthetic distinct template keys for timing mineTemplates: `templates` shapes of 4 to 24 words, each with
// one to three variable words filled from a large name pool, some with a `<*>` list or an optional
// `(<*> kb)` group, so every step of the miner has work (seeded, so runs compare).

import { mineTemplates } from "../src/index";
import { cpuSeconds, median } from "./cpu-time";
import { mulberry32 } from "./messages";

export function syntheticKeys(count: number, seed: number): string[] {
  const r = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const word = (i: number) => `w${i.toString(36)}`.replace(/\d/g, (d) => "abcdefghij"[Number(d)]!);
  const shapes = Array.from({ length: Math.max(1, Math.floor(count / 40)) }, () => {
    const length = int(4, 24);
    const words = Array.from({ length }, () => (r() < 0.15 ? "<*>" : word(int(0, 5_000))));
    const variable = new Set(Array.from({ length: int(1, 3) }, () => int(0, length - 1)));
    return { words, variable, sized: r() < 0.1 ? int(1, length - 1) : -1 };
  });
  const seen = new Set<string>();
  const keys: string[] = [];
  while (keys.length < count) {
    const s = shapes[int(0, shapes.length - 1)]!;
    const out: string[] = [];
    s.words.forEach((w, i) => {
      if (i === s.sized && r() < 0.5) out.push("(<*>", "kb)");
      out.push(s.variable.has(i) ? `name-${word(int(0, 200_000))}` : w);
    });
    const key = out.join(" ");
    if (!seen.has(key)) {
      seen.add(key);
      keys.push(key);
    }
  }
  return keys;
}

export interface MineTiming {
  keys: number;
  templates: number;
  /** CPU milliseconds of one mineTemplates call (median of the rounds). */
  ms: number;
  /** CPU milliseconds of grouping the same keys by exact equality in a Map: the floor. */
  exactMs: number;
}

const cpuMs = (f: () => void): number => cpuSeconds(f).seconds * 1000;

export function timeMine(count: number, rounds: number): MineTiming {
  const keys = syntheticKeys(count, 7);
  let templates = 0;
  const ours: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < rounds; i++) {
    ours.push(
      cpuMs(() => {
        templates = mineTemplates(keys).templates.length;
      }),
    );
    floor.push(
      cpuMs(() => {
        const m = new Map<string, number>();
        for (const k of keys) m.set(k, m.size);
      }),
    );
  }
  return { keys: keys.length, templates, ms: median(ours), exactMs: median(floor) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const n of [10_000, 100_000]) {
    const t = timeMine(n, 3);
    console.log(
      `${t.keys} keys → ${t.templates} templates in ${t.ms.toFixed(0)} ms (exact Map ${t.exactMs.toFixed(0)} ms)`,
    );
  }
}
