// Vocabulary preparation against gensim 4.2 (test/fixtures/gensim-reference.json, written by gensim-reference.py).
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { aliasTable, buildVocabulary, sampleThresholds } from "../src/internal/vocabulary";
import reference from "./fixtures/gensim-reference.json";

const words = Object.keys(reference.counts);
const docs = words.map((w) => Array<string>(reference.counts[w as keyof typeof reference.counts]).fill(w));

describe("vocabulary preparation", () => {
  it("orders words by count like gensim", () => {
    const vocab = buildVocabulary(docs, new Float64Array(docs.length).fill(1), 1, null);
    for (const c of reference.cases) expect(vocab.words).toEqual(c.words);
  });

  it.each(reference.cases.map((c) => [c.sample, c] as const))(
    "keeps each word with gensim's probability (sample = %s)",
    (_sample, c) => {
      const vocab = buildVocabulary(docs, new Float64Array(docs.length).fill(1), 1, null);
      const ours = sampleThresholds(vocab.counts, c.sample);
      c.sampleInt.forEach((gensim, i) => {
        // gensim stores p · (2^32 − 1) as uint32 and keeps a word when a uint32 draw ≤ it; we store p · 2^32 and
        // keep when a draw < it: the same probability to within 2^-31.
        const p = Math.min(1, ours[i]! / 2 ** 32);
        expect(Math.abs(p - gensim / (2 ** 32 - 1))).toBeLessThan(2e-9);
      });
    },
  );

  it("draws noise words with gensim's unigram^0.75 distribution", () => {
    const vocab = buildVocabulary(docs, new Float64Array(docs.length).fill(1), 1, null);
    const { prob, alias } = aliasTable(vocab.counts, 0.75);
    const cum = reference.cases[0]!.cumTable;
    const n = prob.length;
    const mass = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      mass[i]! += prob[i]! / 2 ** 32 / n;
      mass[alias[i]!]! += (1 - prob[i]! / 2 ** 32) / n;
    }
    for (let i = 0; i < n; i++) {
      const gensim = (cum[i]! - (i > 0 ? cum[i - 1]! : 0)) / cum[n - 1]!;
      expect(mass[i]).toBeCloseTo(gensim, 8);
    }
  });

  test.prop([
    fc.array(fc.integer({ min: 1, max: 1e6 }), { minLength: 1, maxLength: 60 }),
    fc.double({ min: -1, max: 2, noNaN: true }),
  ])("the alias table always sums to the exact noise distribution", (counts, exponent) => {
    const { prob, alias } = aliasTable(Float64Array.from(counts), exponent);
    const n = counts.length;
    const mass = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      expect(prob[i]).toBeGreaterThanOrEqual(0);
      expect(prob[i]).toBeLessThanOrEqual(2 ** 32);
      mass[i]! += prob[i]! / 2 ** 32 / n;
      mass[alias[i]!]! += (1 - prob[i]! / 2 ** 32) / n;
    }
    const total = counts.reduce((s, c) => s + c ** exponent, 0);
    counts.forEach((c, i) => {
      expect(mass[i]).toBeCloseTo(c ** exponent / total, 7);
    });
  });
});
