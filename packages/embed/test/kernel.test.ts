// The training kernel's update against gensim 4.2 (test/fixtures/gensim-sigmoid.json, written by gensim-sigmoid.py).
import { describe, expect, it } from "vitest";
import { type KernelState, trainJob } from "../src/internal/kernel";
import { sigmoidTable } from "../src/internal/vocabulary";
import reference from "./fixtures/gensim-sigmoid.json";

/** PV-DBOW on one document of one word, vocabulary of one word: only the positive update runs. */
function oneWordState(dot: number, alpha: number): KernelState {
  const dim = 4;
  const row = (first: number): Float32Array => Float32Array.of(first, 0, 0, 0);
  return {
    dim,
    negative: 1,
    window: 1,
    dm: 0,
    dbowWords: 0,
    learnDocs: 1,
    learnWords: 0,
    learnHidden: 1,
    vocabSize: 1,
    wordVectors: row(0),
    docVectors: row(dot),
    syn1neg: row(1),
    tokens: Int32Array.of(0),
    docStart: Int32Array.of(0, 1),
    sampleThreshold: Float64Array.of(2 ** 32),
    aliasProb: Float64Array.of(2 ** 32),
    aliasIndex: Int32Array.of(0),
    expTable: sigmoidTable(),
    alpha,
    minAlpha: alpha,
    epochs: 1,
    totalTokens: 1,
    neu1: new Float64Array(dim),
    neu1e: new Float64Array(dim),
    sentence: new Int32Array(1),
    abort: new Int32Array(1),
  };
}

describe("training kernel", () => {
  it.each(reference.cases.map((c) => [c.dot, c.docAfter] as const))(
    "applies gensim's table sigmoid to a dot product of %s",
    (dot, docAfter) => {
      // Every noise draw is the target word and is skipped, as in gensim: doc += (1 − sigmoid(dot)) · alpha.
      const s = oneWordState(dot, reference.alpha);
      expect(trainJob(s, 0, 1, 0, 12345)).toBe(1);
      expect(s.docVectors[0]).toBeCloseTo(docAfter, 6);
    },
  );
});
