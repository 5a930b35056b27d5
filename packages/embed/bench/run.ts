// `pnpm --filter @faultline/embed bench [-- --only throughput|quality] [--quick] [--epochs=N]
//   [--seeds=N | --seeds=1,5,9] [--corpora=BGL,Linux,...] [--models=PV-DBOW,...]`
// Reads ../shared when present (Loghub-2k) and says so when it or gensim is missing.
// --seeds: N runs each seeded (Doc2Vec) model with seeds 1..N (or the listed seeds); the report then adds the per-seed
//   scores and their spread. --corpora keeps only the named corpora (Loghub system names, or "deployment-errors");
//   --models keeps only the models whose name contains one of the given strings (case-insensitive, e.g. "PV-DBOW").
//   Either filter also skips the TF-IDF densify distortion section.
import { parseArgs } from "node:util";
import { qualityBench } from "./quality";
import { throughputBench } from "./throughput";

// pnpm 10 forwards the "--" of `pnpm bench -- --seeds=5` to the script; parseArgs would read what follows as
// positionals, so drop a leading one.
const argv = process.argv.slice(2);
const { values } = parseArgs({
  args: argv[0] === "--" ? argv.slice(1) : argv,
  options: {
    only: { type: "string" },
    quick: { type: "boolean", default: false },
    epochs: { type: "string" },
    seeds: { type: "string" },
    corpora: { type: "string" },
    models: { type: "string" },
  },
});

/** "5" → [1..5]; "1,5,9" → [1, 5, 9]. */
function parseSeeds(text: string): number[] {
  const parts = text.split(",").map((p) => p.trim());
  const bad = (): never => {
    throw new RangeError(`--seeds must be a count (e.g. 5) or a comma-separated list of seeds (got "${text}")`);
  };
  if (parts.length === 1) {
    const n = Number(parts[0]);
    if (!Number.isInteger(n) || n < 1) bad();
    return Array.from({ length: n }, (_, i) => i + 1);
  }
  return parts.map((p) => {
    const s = Number(p);
    if (p === "" || !Number.isInteger(s) || s < 0) bad();
    return s;
  });
}

const list = (text: string | undefined): string[] | undefined =>
  text === undefined
    ? undefined
    : text
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");

const quick = values.quick;
console.log(`# @faultline/embed bench (${new Date().toISOString()}, node ${process.version}${quick ? ", quick" : ""})`);
console.log("Timings are noisy on a shared 2-core machine: compare the ratios measured in the same run.");
if (values.only !== "quality") await throughputBench({ epochs: quick ? 5 : 20, repeat: quick ? 1 : 2 });
if (values.only !== "throughput")
  await qualityBench({
    // 1000 epochs is the original pipeline's gensim configuration.
    epochs: Number(values.epochs ?? (quick ? 100 : 1000)),
    events: 600,
    seeds: values.seeds !== undefined ? parseSeeds(values.seeds) : quick ? [1] : [1, 2, 3],
    corpora: list(values.corpora),
    models: list(values.models),
  });
