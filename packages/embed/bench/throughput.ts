// Training throughput (corpus words per second, summed over epochs) of our Doc2Vec against gensim 4.2, same
// corpus, same parameters, same run. gensim is timed on train() alone; ours on the whole fit() (vocabulary,
// corpus encoding and worker start-up included), so the comparison leans in gensim's favour.
import { createDoc2Vec } from "../src/index";
import { deploymentErrors, loadLoghub, loghubSystems } from "./data";
import { type GensimParams, gensimVersion, trainGensim } from "./gensim";
import { type ModelMemory, measureModelMemory } from "./model-memory";

export interface ThroughputOptions {
  epochs: number;
  repeat: number;
}

const fmt = (wps: number): string => `${(wps / 1e6).toFixed(3)} M words/s`;

export async function throughputBench(options: ThroughputOptions): Promise<void> {
  const systems = loghubSystems();
  let docs: string[][];
  let source: string;
  if (systems && systems.length > 0) {
    docs = systems.flatMap((s) => loadLoghub(s).docs);
    source = `Loghub-2k, ${systems.length} systems concatenated (../shared/data/loghub-2k)`;
  } else {
    docs = deploymentErrors(16_000, 11).docs;
    source = "generated deployment errors (../shared/data/loghub-2k is missing, so Loghub is not used)";
  }
  const tokens = docs.reduce((s, d) => s + d.length, 0);
  console.log(`\n## Throughput: Doc2Vec training\n`);
  console.log(
    `corpus: ${source}: ${docs.length} documents, ${tokens} tokens; epochs ${options.epochs}, best of ${options.repeat}`,
  );
  const gensim = gensimVersion();
  if ("missing" in gensim) console.log(`gensim: NOT AVAILABLE (${gensim.missing}); only our figures are shown`);
  else console.log(`gensim ${gensim.version} via /usr/bin/python3`);

  for (const dm of [true, false]) {
    const base = {
      vectorSize: 80,
      window: 2,
      minCount: 1,
      epochs: options.epochs,
      dm,
      negative: 5,
      sample: 1e-3,
      alpha: 0.025,
      minAlpha: 0.0001,
      seed: 1,
    };
    console.log(`\n### ${dm ? "PV-DM" : "PV-DBOW"} (vectorSize 80, window 2, minCount 1, negative 5, sample 1e-3)\n`);
    console.log("| trainer | workers | words/s | vs gensim workers=1 |");
    console.log("|---|---|---|---|");
    const best = async (run: () => Promise<number> | number): Promise<number> => {
      let top = 0;
      for (let r = 0; r < options.repeat; r++) top = Math.max(top, await run());
      return top;
    };
    let reference: number | undefined;
    if (!("missing" in gensim)) {
      for (const workers of [1, 2]) {
        const wps = await best(() => {
          const out = trainGensim(docs, { ...base, workers } satisfies GensimParams, false);
          return out.words / out.seconds;
        });
        if (workers === 1) reference = wps;
        console.log(
          `| gensim ${gensim.version} | ${workers} | ${fmt(wps)} | ${reference ? `${(wps / reference).toFixed(2)}×` : "—"} |`,
        );
      }
    }
    for (const workers of [1, 2]) {
      const wps = await best(async () => {
        const summary = await createDoc2Vec({ ...base, workers }).fit(docs);
        return (summary.tokens * options.epochs) / (summary.elapsedMs / 1000);
      });
      console.log(
        `| @faultline/embed | ${workers} | ${fmt(wps)} | ${reference ? `**${(wps / reference).toFixed(2)}×**` : "—"} |`,
      );
    }
    // Memory does not depend on the number of epochs: one is enough.
    console.log(`\n${memoryLine(measureModelMemory(docs, { ...base, epochs: 1, workers: 1 }), base.vectorSize)}`);
  }
}

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(2)} MiB`;

function memoryLine(m: ModelMemory, dim: number): string {
  const weights = (2 * m.vocabularySize + m.documents) * dim * 4;
  return (
    "memory held by the fitted model, measured in a fresh `node --expose-gc` process (growth after a full GC, " +
    `model of the same shape fitted for 1 epoch, one worker): ${mib(m.arrayBufferBytes)} of array buffers + ` +
    `${mib(m.heapBytes)} of V8 heap = ${mib(m.arrayBufferBytes + m.heapBytes)}; the weights alone are ` +
    `(2 × vocabulary ${m.vocabularySize} + documents ${m.documents}) × vectorSize ${dim} × 4 B = ${mib(weights)} ` +
    "(the rest: noise and downsampling tables, vocabulary strings and index)"
  );
}
