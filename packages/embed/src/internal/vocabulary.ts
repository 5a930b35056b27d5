// Vocabulary, frequent-word downsampling thresholds and the negative-sampling noise table for Doc2Vec.
import type { Document } from "../model";

export interface Vocabulary {
  words: string[];
  /** Occurrences of each word, weighted by document counts. */
  counts: Float64Array;
  index: Map<string, number>;
}

/** Counts words (weighted by `docCounts`), keeps those with count ≥ minCount, most frequent first. */
export function buildVocabulary(
  docs: readonly Document[],
  docCounts: Float64Array,
  minCount: number,
  maxVocabSize: number | null,
): Vocabulary {
  const raw = new Map<string, number>();
  for (let i = 0; i < docs.length; i++) {
    const c = docCounts[i]!;
    for (const token of docs[i]!) raw.set(token, (raw.get(token) ?? 0) + c);
  }
  // Map iteration is insertion order, so ties keep first-seen order and the result is deterministic.
  let entries = [...raw.entries()].filter(([, c]) => c >= minCount);
  entries.sort((a, b) => b[1] - a[1]);
  if (maxVocabSize !== null && entries.length > maxVocabSize) entries = entries.slice(0, maxVocabSize);
  return fromEntries(
    entries.map(([w]) => w),
    Float64Array.from(entries, ([, c]) => c),
  );
}

export function fromEntries(words: string[], counts: Float64Array): Vocabulary {
  const index = new Map<string, number>();
  for (let i = 0; i < words.length; i++) index.set(words[i]!, i);
  return { words, counts, index };
}

/**
 * gensim 4.2's downsampling: a word of count v is kept with probability (sqrt(v / t) + 1) · t / v, capped at 1, where
 * t = sample · (total count), or t = ⌊sample · (3 + √5) / 2⌋ when sample ≥ 1. Returned scaled to 2^32 (≥ 2^32:
 * always kept).
 */
export function sampleThresholds(counts: Float64Array, sample: number): Float64Array {
  const out = new Float64Array(counts.length).fill(4294967296);
  if (sample === 0) return out;
  let total = 0;
  for (const c of counts) total += c;
  const threshold = sample >= 1 ? Math.floor((sample * (3 + Math.sqrt(5))) / 2) : sample * total;
  for (let i = 0; i < counts.length; i++) {
    const v = counts[i]!;
    const p = (Math.sqrt(v / threshold) + 1) * (threshold / v);
    if (p < 1) out[i] = Math.floor(p * 4294967296);
  }
  return out;
}

/**
 * Walker/Vose alias table for the unigram^exponent noise distribution: O(vocabulary) memory, O(1) per draw,
 * where gensim bisects a cumulative table. Probabilities are scaled to 2^32 so a uint32 draw compares directly.
 */
export function aliasTable(counts: Float64Array, exponent: number): { prob: Float64Array; alias: Int32Array } {
  const n = counts.length;
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const weights = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i] = counts[i]! ** exponent;
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < n; i++) {
    weights[i] = (weights[i]! * n) / total;
    (weights[i]! < 1 ? small : large).push(i);
  }
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large[large.length - 1]!;
    prob[s] = weights[s]!;
    alias[s] = l;
    weights[l] = weights[l]! + weights[s]! - 1;
    if (weights[l]! < 1) {
      large.pop();
      small.push(l);
    }
  }
  for (const i of large) prob[i] = 1;
  for (const i of small) prob[i] = 1; // only reached through rounding error
  for (let i = 0; i < n; i++) {
    prob[i] = Math.min(4294967296, Math.floor(prob[i]! * 4294967296));
    if (prob[i] === 4294967296) alias[i] = i;
  }
  return { prob, alias };
}

/** sigmoid(x) for x in [-6, 6), 1000 steps: word2vec's EXP_TABLE. */
export function sigmoidTable(): Float64Array {
  const table = new Float64Array(1000);
  for (let i = 0; i < 1000; i++) {
    const x = (i / 1000) * 12 - 6;
    table[i] = 1 / (1 + Math.exp(-x));
  }
  return table;
}

/** Encodes documents as in-vocabulary token ids, back to back; out-of-vocabulary tokens are skipped. */
export function encodeCorpus(
  docs: readonly Document[],
  index: Map<string, number>,
): { tokens: Int32Array; docStart: Int32Array; maxLength: number } {
  let total = 0;
  for (const doc of docs) total += doc.length;
  const tokens = new Int32Array(total);
  const docStart = new Int32Array(docs.length + 1);
  let n = 0;
  let maxLength = 0;
  for (let d = 0; d < docs.length; d++) {
    docStart[d] = n;
    for (const token of docs[d]!) {
      const id = index.get(token);
      if (id !== undefined) tokens[n++] = id;
    }
    maxLength = Math.max(maxLength, n - docStart[d]!);
  }
  docStart[docs.length] = n;
  return { tokens: tokens.slice(0, n), docStart, maxLength };
}
