// The Doc2Vec training kernel: PV-DBOW (optionally with skip-gram word training) and PV-DM (mean of context),
// both with negative sampling, after Le & Mikolov, "Distributed Representations of Sentences and Documents"
// (ICML 2014) and Mikolov et al., "Distributed Representations of Words and Phrases" (NIPS 2013), following
// gensim's d2v_inner.pyx update rules.
//
// `trainJob` must stay SELF-CONTAINED: no imports, no module-level references, no helpers outside its body.
// Worker threads receive it as source text (`trainJob.toString()`), which works the same whether this file runs
// as TypeScript source (vitest, tsx) or as the bundled dist build. Types are erased either way.

/** Everything the kernel reads and writes. Weight arrays may live in SharedArrayBuffers shared by workers. */
export interface KernelState {
  dim: number;
  negative: number;
  window: number;
  /** 1 = PV-DM, 0 = PV-DBOW. */
  dm: number;
  /** PV-DBOW only: also train word vectors with skip-gram, interleaved. */
  dbowWords: number;
  learnDocs: number;
  learnWords: number;
  learnHidden: number;
  vocabSize: number;
  wordVectors: Float32Array;
  docVectors: Float32Array;
  syn1neg: Float32Array;
  /** In-vocabulary token ids of all documents, back to back. */
  tokens: Int32Array;
  /** Document d's tokens are tokens[docStart[d] .. docStart[d + 1]). */
  docStart: Int32Array;
  /** Keep a word when a uniform uint32 is below this (≥ 2^32: always keep). */
  sampleThreshold: Float64Array;
  /** Walker alias table of the noise distribution, probabilities scaled to 2^32. */
  aliasProb: Float64Array;
  aliasIndex: Int32Array;
  /** sigmoid on [-6, 6] in 1000 steps, as in word2vec (read as word2vec and gensim do, see trainJob). */
  expTable: Float64Array;
  alpha: number;
  minAlpha: number;
  epochs: number;
  /** Tokens in one epoch (the length of `tokens`): the unit of the linear learning-rate decay. */
  totalTokens: number;
  /** Scratch, one set per thread. */
  neu1: Float64Array;
  neu1e: Float64Array;
  sentence: Int32Array;
  /** Set to non-zero (by another thread) to stop between documents. */
  abort: Int32Array;
}

/**
 * Trains documents [docFrom, docTo) once, as part of `epoch`. The learning rate of each document is set by its
 * position in the whole run, so the schedule does not depend on which thread trains which job.
 * Returns the number of corpus tokens processed, or -1 when aborted.
 */
export function trainJob(s: KernelState, docFrom: number, docTo: number, epoch: number, seed: number): number {
  const dim = s.dim;
  const dim4 = dim - (dim % 4);
  const negative = s.negative;
  const window = s.window;
  const dm = s.dm;
  const dbowWords = s.dbowWords;
  const learnDocs = s.learnDocs;
  const learnWords = s.learnWords;
  const learnHidden = s.learnHidden;
  const wv = s.wordVectors;
  const dv = s.docVectors;
  const syn1 = s.syn1neg;
  const tokens = s.tokens;
  const docStart = s.docStart;
  const sampleThreshold = s.sampleThreshold;
  const aliasProb = s.aliasProb;
  const aliasIndex = s.aliasIndex;
  const expTable = s.expTable;
  const neu1 = s.neu1;
  const neu1e = s.neu1e;
  const sentence = s.sentence;
  const abort = s.abort;
  const a0 = s.alpha;
  const span = s.alpha - s.minAlpha;
  const totalWork = s.epochs * s.totalTokens;
  const epochBase = epoch * s.totalTokens;
  const vocabScale = s.vocabSize / 4294967296;
  const ALWAYS = 4294967296;
  // xorshift32 state; held in a typed array so the inner helper can advance it without a context allocation.
  const rng = new Int32Array(1);
  rng[0] = seed | 0 || 0x6d2b79f5;

  function next(): number {
    let x = rng[0]!;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    rng[0] = x;
    return x >>> 0;
  }

  // Inputs are always Float64Arrays so the hot loop below stays monomorphic: l1 for the DM mean and word
  // contexts, docVec for the PV-DBOW document vector, held in float64 for a whole document.
  const l1 = s.neu1;
  const docVec = new Float64Array(dim);

  // One negative-sampling step: l1 predicts `word`. Accumulates l1's gradient into neu1e (the caller applies it)
  // and, when learnHidden, updates the output weights in the same pass.
  function negSample(l1: Float64Array, word: number, alpha: number): void {
    for (let d = 0; d <= negative; d++) {
      let target = word;
      let label = 1;
      if (d > 0) {
        // One draw picks both the alias bucket (integer part) and the coin (fractional part, scaled to 2^32).
        const u = next() * vocabScale;
        const i = u | 0;
        target = (u - i) * 4294967296 < aliasProb[i]! ? i : aliasIndex[i]!;
        if (target === word) continue;
        label = 0;
      }
      const off = target * dim;
      // Unrolled by four: V8 does not vectorise, and this halves the loop overhead of the hottest code.
      let f0 = 0;
      let f1 = 0;
      let f2 = 0;
      let f3 = 0;
      let k = 0;
      for (; k < dim4; k += 4) {
        f0 += l1[k]! * syn1[off + k]!;
        f1 += l1[k + 1]! * syn1[off + k + 1]!;
        f2 += l1[k + 2]! * syn1[off + k + 2]!;
        f3 += l1[k + 3]! * syn1[off + k + 3]!;
      }
      for (; k < dim; k++) f0 += l1[k]! * syn1[off + k]!;
      const f = f0 + f1 + f2 + f3;
      // Saturated predictions are skipped, as gensim does (word2vec.c clamps instead): with many epochs the
      // vectors grow, and full-strength updates on saturated pairs only add noise.
      if (f >= 6 || f <= -6) continue;
      // The table cell as word2vec.c and gensim 4.2 compute it: (f + MAX_EXP) · (EXP_TABLE_SIZE / MAX_EXP / 2) in
      // integer arithmetic, 1000 / 6 / 2 = 83 rather than 83.3, so the sigmoid is read at 0.996 · f − 0.024.
      const g = (label - expTable[((f + 6) * 83) | 0]!) * alpha;
      if (learnHidden) {
        for (k = 0; k < dim4; k += 4) {
          const w0 = syn1[off + k]!;
          const w1 = syn1[off + k + 1]!;
          const w2 = syn1[off + k + 2]!;
          const w3 = syn1[off + k + 3]!;
          neu1e[k]! += g * w0;
          neu1e[k + 1]! += g * w1;
          neu1e[k + 2]! += g * w2;
          neu1e[k + 3]! += g * w3;
          syn1[off + k] = w0 + g * l1[k]!;
          syn1[off + k + 1] = w1 + g * l1[k + 1]!;
          syn1[off + k + 2] = w2 + g * l1[k + 2]!;
          syn1[off + k + 3] = w3 + g * l1[k + 3]!;
        }
        for (; k < dim; k++) {
          const w = syn1[off + k]!;
          neu1e[k]! += g * w;
          syn1[off + k] = w + g * l1[k]!;
        }
      } else {
        for (k = 0; k < dim4; k += 4) {
          neu1e[k]! += g * syn1[off + k]!;
          neu1e[k + 1]! += g * syn1[off + k + 1]!;
          neu1e[k + 2]! += g * syn1[off + k + 2]!;
          neu1e[k + 3]! += g * syn1[off + k + 3]!;
        }
        for (; k < dim; k++) neu1e[k]! += g * syn1[off + k]!;
      }
    }
  }

  // Row helpers, unrolled by four like negSample. Always (Float32Array row, Float64Array vector): monomorphic.
  function copyRow(src: Float32Array, off: number, dst: Float64Array): void {
    let k = 0;
    for (; k < dim4; k += 4) {
      dst[k] = src[off + k]!;
      dst[k + 1] = src[off + k + 1]!;
      dst[k + 2] = src[off + k + 2]!;
      dst[k + 3] = src[off + k + 3]!;
    }
    for (; k < dim; k++) dst[k] = src[off + k]!;
  }
  function addRow(src: Float32Array, off: number, dst: Float64Array): void {
    let k = 0;
    for (; k < dim4; k += 4) {
      dst[k]! += src[off + k]!;
      dst[k + 1]! += src[off + k + 1]!;
      dst[k + 2]! += src[off + k + 2]!;
      dst[k + 3]! += src[off + k + 3]!;
    }
    for (; k < dim; k++) dst[k]! += src[off + k]!;
  }
  function addToRow(vec: Float64Array, dst: Float32Array, off: number): void {
    let k = 0;
    for (; k < dim4; k += 4) {
      dst[off + k]! += vec[k]!;
      dst[off + k + 1]! += vec[k + 1]!;
      dst[off + k + 2]! += vec[k + 2]!;
      dst[off + k + 3]! += vec[k + 3]!;
    }
    for (; k < dim; k++) dst[off + k]! += vec[k]!;
  }

  let processed = 0;
  for (let doc = docFrom; doc < docTo; doc++) {
    if (abort[0] !== 0) return -1;
    const start = docStart[doc]!;
    const end = docStart[doc + 1]!;
    processed += end - start;
    const alpha = a0 - span * ((epochBase + start) / totalWork);
    // Frequent-word downsampling (Mikolov et al. 2013, gensim's formula), redrawn every epoch.
    let n = 0;
    for (let t = start; t < end; t++) {
      const w = tokens[t]!;
      const thr = sampleThreshold[w]!;
      if (thr >= ALWAYS || next() < thr) sentence[n++] = w;
    }
    if (n === 0) continue;
    const docOff = doc * dim;

    if (dm === 0) {
      copyRow(dv, docOff, docVec);
      for (let i = 0; i < n; i++) {
        const word = sentence[i]!;
        if (dbowWords !== 0) {
          const b = next() % window;
          const lo = Math.max(0, i - window + b);
          const hi = Math.min(n, i + window + 1 - b);
          for (let j = lo; j < hi; j++) {
            if (j === i) continue;
            const ctx = sentence[j]! * dim;
            copyRow(wv, ctx, l1);
            neu1e.fill(0);
            negSample(l1, word, alpha);
            if (learnWords) addToRow(neu1e, wv, ctx);
          }
        }
        neu1e.fill(0);
        negSample(docVec, word, alpha);
        if (learnDocs) for (let k = 0; k < dim; k++) docVec[k]! += neu1e[k]!;
      }
      // Written back once per document; with several threads, a document belongs to one job, so to one thread.
      if (learnDocs) for (let k = 0; k < dim; k++) dv[docOff + k] = docVec[k]!;
    } else {
      for (let i = 0; i < n; i++) {
        const b = next() % window;
        const lo = Math.max(0, i - window + b);
        const hi = Math.min(n, i + window + 1 - b);
        copyRow(dv, docOff, neu1);
        let count = 1;
        for (let j = lo; j < hi; j++) {
          if (j === i) continue;
          addRow(wv, sentence[j]! * dim, neu1);
          count++;
        }
        const inv = 1 / count;
        for (let k = 0; k < dim; k++) neu1[k]! *= inv;
        neu1e.fill(0);
        negSample(neu1, sentence[i]!, alpha);
        // As gensim does with dm_mean: the full error goes to every input of the mean.
        if (learnDocs) addToRow(neu1e, dv, docOff);
        if (learnWords) {
          for (let j = lo; j < hi; j++) {
            if (j === i) continue;
            addToRow(neu1e, wv, sentence[j]! * dim);
          }
        }
      }
    }
  }
  return processed;
}

/**
 * The RNG seed of one job: a function of (seed, epoch, job) only, so any thread can run any job. Self-contained:
 * worker threads receive it as source text (`jobSeed.toString()` in train.ts), so it carries its own copy of
 * hash.ts's `fmix32` instead of importing it.
 */
export function jobSeed(seed: number, epoch: number, job: number): number {
  // murmur3's fmix32. Every part is avalanched on its own before it is combined: folding the raw epoch into the
  // raw seed (seed ^ epoch) made the result a function of seed ^ epoch, so seeds 1, 2, 3 … replayed the same
  // per-epoch random streams in another order (and initial rows in another order, see randomRows).
  const fmix = (x: number): number => {
    x ^= x >>> 16;
    x = Math.imul(x, 0x85ebca6b);
    x ^= x >>> 13;
    x = Math.imul(x, 0xc2b2ae35);
    x ^= x >>> 16;
    return x >>> 0;
  };
  let h = fmix((seed ^ 0x2545f491) >>> 0);
  h = fmix(((h ^ fmix(epoch >>> 0)) + 0x9e3779b9) >>> 0);
  h = fmix(((h ^ fmix((job ^ 0x5bd1e995) >>> 0)) + 0x9e3779b9) >>> 0);
  return h === 0 ? 0x6d2b79f5 : h | 0;
}
