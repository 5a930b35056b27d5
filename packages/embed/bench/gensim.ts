// Runs gensim 4.2 (Debian's python3-gensim via /usr/bin/python3) as the reference peer.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PYTHON = "/usr/bin/python3";
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), "gensim_doc2vec.py");

export interface GensimParams {
  vectorSize: number;
  window: number;
  minCount: number;
  epochs: number;
  dm: boolean;
  dbowWords?: boolean;
  negative: number;
  sample: number;
  alpha: number;
  minAlpha: number;
  seed: number;
  workers: number;
}

/** gensim's version, or a reason why it cannot run. */
export function gensimVersion(): { version: string } | { missing: string } {
  const probe = spawnSync(PYTHON, ["-c", "import gensim; print(gensim.__version__)"], { encoding: "utf8" });
  if (probe.error) return { missing: `${PYTHON} not found (${probe.error.message})` };
  if (probe.status !== 0)
    return {
      missing: `gensim is not installed for ${PYTHON} (apt-get install -y python3-gensim): ${probe.stderr.trim().split("\n").pop()}`,
    };
  return { version: probe.stdout.trim() };
}

export function trainGensim(
  docs: readonly (readonly string[])[],
  params: GensimParams,
  withVectors: boolean,
): { seconds: number; words: number; vectors?: Float32Array } {
  const dir = mkdtempSync(join(tmpdir(), "embed-bench-"));
  try {
    const jobPath = join(dir, "job.json");
    const vectorsOut = withVectors ? join(dir, "vectors.f32") : undefined;
    writeFileSync(jobPath, JSON.stringify({ docs, params, vectorsOut }));
    const out = execFileSync(PYTHON, [SCRIPT, jobPath], { encoding: "utf8", maxBuffer: 1 << 26 });
    const result = JSON.parse(out.trim().split("\n").pop()!) as { seconds: number; words: number };
    if (!vectorsOut) return result;
    const raw = readFileSync(vectorsOut);
    return { ...result, vectors: new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
