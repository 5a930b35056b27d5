// Normalising messages is nearly all of the work of analysing a large error export (masking rules over long
// multi-line messages), and every message is independent: worker threads share it out. Batches go to the workers
// round-robin and come back in order, so results never depend on the thread count.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { causeLinesWith, FAILURE_WORD_SOURCE } from "./cause-lines";

/** One normalised message: its cause key (clustering identity) and its display text. */
export interface NormalizedCause {
  key: string;
  text: string;
}

/** @internal Normalises batches of messages off the calling thread. */
export interface NormalizePool {
  readonly size: number;
  run(messages: readonly string[]): Promise<NormalizedCause[]>;
  close(): Promise<void>;
}

/**
 * Worker code: loads @faultline/normalize from the URL the parent resolved (so it runs the same build, source or
 * dist, with the parent's loader flags inherited through execArgv) and answers `{ id, keys, texts }` per batch.
 */
function workerSource(normalizeUrl: string, focus: "cause-lines" | "message"): string {
  return `
const { parentPort } = require("node:worker_threads");
const failureWord = new RegExp(${JSON.stringify(FAILURE_WORD_SOURCE)}, "i");
const causeLinesWith = ${causeLinesWith.toString()};
const focus = ${JSON.stringify(focus)};
import(${JSON.stringify(normalizeUrl)}).then((normalize) => {
  const options = { clean: normalize.nonEmpty };
  parentPort.on("message", ({ id, messages }) => {
    const keys = new Array(messages.length);
    const texts = new Array(messages.length);
    for (let i = 0; i < messages.length; i++) {
      const n = normalize.normalizeMessage(messages[i], options);
      if (focus === "cause-lines") {
        keys[i] = causeLinesWith(n.templateKey, failureWord).join("\\n");
        texts[i] = causeLinesWith(n.text, failureWord).join("\\n");
      } else {
        keys[i] = n.templateKey.replace(/\\s+/g, " ").trim();
        texts[i] = n.text;
      }
    }
    parentPort.postMessage({ id, keys, texts });
  });
  parentPort.postMessage({ ready: true });
}, (error) => parentPort.postMessage({ failed: String(error && error.message || error) }));
`;
}

/** How many threads `workers: undefined` means: every core but one for the reader, at most 4, else none. */
export function defaultNormalizeWorkers(): number {
  const cores = availableParallelism();
  return cores >= 2 ? Math.min(4, cores) : 0;
}

/**
 * Starts `size` workers, or returns undefined when they cannot run here (the normalize module cannot be resolved to
 * a file a worker can import, e.g. under a bundler's test runner). `local` computes a batch on this thread; it is
 * used when a worker fails, so a broken pool never loses a message.
 */
export async function startNormalizePool(
  size: number,
  focus: "cause-lines" | "message",
  local: (messages: readonly string[]) => NormalizedCause[],
): Promise<NormalizePool | undefined> {
  let url: string;
  try {
    url = import.meta.resolve("@faultline/normalize");
  } catch {
    return undefined;
  }
  if (!/^file:.*\.(?:js|mjs|ts|mts)$/.test(url)) return undefined;
  const source = workerSource(url, focus);
  const started = await Promise.all(
    Array.from({ length: size }, async () => {
      const worker = new Worker(source, { eval: true });
      const ok = await new Promise<boolean>((resolve) => {
        worker.once("message", (m: { ready?: boolean }) => resolve(m.ready === true));
        worker.once("error", () => resolve(false));
      });
      if (!ok) {
        await worker.terminate();
        return undefined;
      }
      worker.unref();
      return worker;
    }),
  );
  const workers = started.filter((w): w is Worker => w !== undefined);
  if (workers.length === 0) return undefined;
  const waiting = new Map<number, { messages: readonly string[]; resolve: (r: NormalizedCause[]) => void }>();
  const owner = new Map<number, Worker>();
  const broken = new Set<Worker>();
  for (const worker of workers) {
    worker.on("message", (m: { id: number; keys: string[]; texts: string[] }) => {
      const job = waiting.get(m.id);
      if (job === undefined) return;
      waiting.delete(m.id);
      owner.delete(m.id);
      job.resolve(m.keys.map((key, i) => ({ key, text: m.texts[i]! })));
    });
    worker.on("error", () => {
      broken.add(worker);
      // Whatever this worker held is done here instead.
      for (const [id, w] of owner) {
        if (w !== worker) continue;
        const job = waiting.get(id)!;
        waiting.delete(id);
        owner.delete(id);
        job.resolve(local(job.messages));
      }
    });
  }
  let next = 0;
  let id = 0;
  return {
    size: workers.length,
    run(messages) {
      const alive = workers.filter((w) => !broken.has(w));
      if (alive.length === 0) return Promise.resolve(local(messages));
      const worker = alive[next++ % alive.length]!;
      const jobId = id++;
      return new Promise((resolve) => {
        waiting.set(jobId, { messages, resolve });
        owner.set(jobId, worker);
        worker.postMessage({ id: jobId, messages });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
