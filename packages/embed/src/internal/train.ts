// Runs the Doc2Vec kernel over all epochs: inline on the calling thread (one worker: deterministic), or on
// `workers` worker threads that share the weights through SharedArrayBuffers and update them without locks,
// as gensim's threads do (Hogwild!, Recht et al., NIPS 2011). Jobs (runs of documents of ~10k tokens) are handed
// out through an atomic counter; each job's RNG seed and learning rate depend only on the job, not on the thread.
import type { FitProgress } from "../model";
import { jobSeed, type KernelState, trainJob } from "./kernel";

export interface TrainRun {
  state: KernelState;
  /** Job j covers documents [jobStart[j], jobStart[j + 1]). */
  jobStart: Int32Array;
  seed: number;
  workers: number;
  signal: AbortSignal | undefined;
  onProgress: ((progress: FitProgress) => void) | undefined;
}

const PROGRESS_EVERY_MS = 100;

/** Splits documents into jobs of about `jobTokens` tokens each. */
export function planJobs(docStart: Int32Array, jobTokens: number): Int32Array {
  const docs = docStart.length - 1;
  const starts = [0];
  let tokens = 0;
  for (let d = 0; d < docs; d++) {
    tokens += docStart[d + 1]! - docStart[d]!;
    if (tokens >= jobTokens && d + 1 < docs) {
      starts.push(d + 1);
      tokens = 0;
    }
  }
  starts.push(docs);
  return Int32Array.from(starts);
}

function progressAt(run: TrainRun, words: number): FitProgress {
  const { state } = run;
  const total = state.epochs * state.totalTokens;
  const progress = total === 0 ? 1 : Math.min(1, words / total);
  return {
    progress,
    epoch: Math.min(state.epochs, Math.floor(progress * state.epochs) + 1),
    epochs: state.epochs,
    wordsProcessed: words,
    alpha: state.alpha - (state.alpha - state.minAlpha) * progress,
  };
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function runTraining(run: TrainRun): Promise<void> {
  if (run.workers <= 1) return runInline(run);
  return runParallel(run);
}

async function runInline(run: TrainRun): Promise<void> {
  const { state, jobStart, signal, onProgress } = run;
  const jobs = jobStart.length - 1;
  let words = 0;
  let last = performance.now();
  for (let epoch = 0; epoch < state.epochs; epoch++) {
    for (let j = 0; j < jobs; j++) {
      words += trainJob(state, jobStart[j]!, jobStart[j + 1]!, epoch, jobSeed(run.seed, epoch, j));
      const now = performance.now();
      if (now - last >= PROGRESS_EVERY_MS) {
        last = now;
        onProgress?.(progressAt(run, words));
        // Let timers and abort listeners run during a long fit.
        await yieldToEventLoop();
        signal?.throwIfAborted();
      }
    }
  }
  onProgress?.(progressAt(run, words));
}

/** Copies a typed array into shared memory (or returns it when it already lives there). */
export function toShared<T extends Float32Array | Float64Array | Int32Array>(array: T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const Ctor = array.constructor as new (buffer: SharedArrayBuffer) => T;
  const copy = new Ctor(new SharedArrayBuffer(array.byteLength));
  copy.set(array as never);
  return copy;
}

function workerSource(): string {
  // Runs as a CommonJS script (eval: true). Everything it needs is in this string: see kernel.ts.
  return `"use strict";
const { parentPort, workerData } = require("node:worker_threads");
// Some transpilers (tsx, esbuild keepNames) wrap inner functions in __name(fn, "name"); make it a no-op here.
var __name = (fn) => fn;
const trainJob = (${trainJob.toString()});
const jobSeed = (${jobSeed.toString()});
const d = workerData;
const s = Object.assign({}, d.state, {
  neu1: new Float64Array(d.state.dim),
  neu1e: new Float64Array(d.state.dim),
  sentence: new Int32Array(Math.max(1, d.maxLength)),
});
const control = d.control;
const jobs = d.jobStart.length - 1;
const total = s.epochs * jobs;
for (;;) {
  const g = Atomics.add(control, 0, 1);
  if (g >= total || Atomics.load(control, 1) !== 0) break;
  const epoch = Math.floor(g / jobs);
  const j = g - epoch * jobs;
  const words = trainJob(s, d.jobStart[j], d.jobStart[j + 1], epoch, jobSeed(d.seed, epoch, j));
  if (words < 0) break;
  parentPort.postMessage(words);
}
parentPort.postMessage(-1);
`;
}

async function runParallel(run: TrainRun): Promise<void> {
  const { Worker } = await import("node:worker_threads");
  const { state, signal, onProgress } = run;
  // control[0]: next job; control[1]: abort flag (also read by the kernel between documents).
  const control = new Int32Array(new SharedArrayBuffer(8));
  const shared = {
    ...state,
    wordVectors: toShared(state.wordVectors),
    docVectors: toShared(state.docVectors),
    syn1neg: toShared(state.syn1neg),
    tokens: toShared(state.tokens),
    docStart: toShared(state.docStart),
    sampleThreshold: toShared(state.sampleThreshold),
    aliasProb: toShared(state.aliasProb),
    aliasIndex: toShared(state.aliasIndex),
    expTable: toShared(state.expTable),
    abort: control.subarray(1, 2),
    neu1: undefined,
    neu1e: undefined,
    sentence: undefined,
  };
  const source = workerSource();
  const workerData = {
    state: shared,
    control,
    jobStart: toShared(run.jobStart),
    seed: run.seed,
    maxLength: state.sentence.length,
  };
  let words = 0;
  let last = performance.now();
  const threads = Array.from({ length: run.workers }, () => new Worker(source, { eval: true, workerData }));
  const stop = (): void => {
    Atomics.store(control, 1, 1);
  };
  signal?.addEventListener("abort", stop, { once: true });
  try {
    await Promise.all(
      threads.map(
        (thread) =>
          new Promise<void>((resolve, reject) => {
            thread.on("message", (message: number) => {
              if (message < 0) return resolve();
              words += message;
              const now = performance.now();
              if (onProgress && now - last >= PROGRESS_EVERY_MS) {
                last = now;
                try {
                  onProgress(progressAt(run, words));
                } catch (error) {
                  // A throwing callback must not crash the process from inside an event listener: stop and reject.
                  stop();
                  reject(error);
                }
              }
            });
            thread.on("error", (error) => {
              stop();
              reject(error);
            });
            thread.on("exit", (code) => {
              if (code !== 0) reject(new Error(`[@faultline/embed] training worker exited with code ${code}`));
              resolve();
            });
          }),
      ),
    );
  } finally {
    signal?.removeEventListener("abort", stop);
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
  signal?.throwIfAborted();
  // The weights were trained in shared copies when the originals were not shared: copy them back.
  if (shared.wordVectors !== state.wordVectors) state.wordVectors.set(shared.wordVectors);
  if (shared.docVectors !== state.docVectors) state.docVectors.set(shared.docVectors);
  if (shared.syn1neg !== state.syn1neg) state.syn1neg.set(shared.syn1neg);
  onProgress?.(progressAt(run, words));
}
