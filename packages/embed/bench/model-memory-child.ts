// Child process of ./model-memory.ts (run with --expose-gc): fits one Doc2Vec model on the job's documents and
// prints, as one JSON line, how much the V8 heap and the array buffers grew between a full GC before fit() and a
// full GC after it, while the model is still referenced. A small fit runs first so that compiled code and lazily
// built module state are not counted. Nothing else lives in this process, so nothing freed by earlier work can
// hide the model's memory, as it did when this was measured inside the bench process.
import { readFileSync } from "node:fs";
import { createDoc2Vec, type Doc2VecOptions } from "../src/index";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("model-memory-child: run with node --expose-gc");

/** Two full collections with a turn of the event loop between them, so freed backing stores are released. */
async function settle(): Promise<NodeJS.MemoryUsage> {
  for (let i = 0; i < 2; i++) {
    gc!();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage();
}

const job = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as { docs: string[][]; options: Doc2VecOptions };
await createDoc2Vec({ ...job.options, epochs: 1 }).fit(job.docs.slice(0, 50));
const before = await settle();
const model = createDoc2Vec(job.options);
const summary = await model.fit(job.docs);
const after = await settle();
console.log(
  JSON.stringify({
    heapBytes: after.heapUsed - before.heapUsed,
    arrayBufferBytes: after.arrayBuffers - before.arrayBuffers,
    vocabularySize: summary.vocabularySize,
    documents: summary.documents,
    // Read after the measurement, so the model is still reachable when it is taken.
    fitted: model.fitted,
  }),
);
