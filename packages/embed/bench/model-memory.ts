// Memory held by a fitted Doc2Vec model, measured in a fresh Node process (./model-memory-child.ts) so that the
// bench's own allocations and frees cannot blur it. Reports the growth of the V8 heap (vocabulary strings, maps,
// small objects) and of the array buffers (the weight matrices and lookup tables), each after a full GC.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Doc2VecOptions } from "../src/index";

const here = dirname(fileURLToPath(import.meta.url));

/** What the child process measured. */
export interface ModelMemory {
  /** Growth of `heapUsed` after fit() (V8 heap: vocabulary, index map, model object). */
  heapBytes: number;
  /** Growth of `arrayBuffers` after fit() (typed arrays: weights and tables, shared or not). */
  arrayBufferBytes: number;
  vocabularySize: number;
  documents: number;
}

/** Fits `options` on `docs` in a child `node --expose-gc` process and returns the memory the fitted model holds. */
export function measureModelMemory(docs: readonly (readonly string[])[], options: Doc2VecOptions): ModelMemory {
  const dir = mkdtempSync(join(tmpdir(), "embed-memory-"));
  try {
    const jobPath = join(dir, "job.json");
    writeFileSync(jobPath, JSON.stringify({ docs, options }));
    const child = spawnSync(
      process.execPath,
      [
        "--expose-gc",
        "--conditions=@faultline/source",
        "--import",
        "tsx",
        join(here, "model-memory-child.ts"),
        jobPath,
      ],
      { cwd: join(here, ".."), encoding: "utf8", maxBuffer: 1 << 20 },
    );
    if (child.status !== 0) throw new Error(`model-memory-child failed (${child.status}): ${child.stderr}`);
    return JSON.parse(child.stdout.trim().split("\n").pop()!) as ModelMemory;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
