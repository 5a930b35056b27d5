// Clustering quality: each embedding is clustered with the same weighted cosine DBSCAN (minSamples 5), and the
// groups are scored against the truth: ARI on the labelled deployment-error sample, grouping accuracy (GA) on
// Loghub-2k. Documents are deduplicated first (identical token sequences), every model sees the same unique
// documents; TF-IDF also gets their counts (document frequency), DBSCAN gets them as sample weights.
import { createDoc2Vec, createTfidf, type DenseMatrix, type TfidfOptions } from "../src/index";
import { dbscanCosine } from "./cluster";
import { deploymentErrors, type LabelledCorpus, loadLoghub, loghubSystems } from "./data";
import { gensimVersion, trainGensim } from "./gensim";
import { adjustedRandIndex, groupingAccuracy, groupsOf } from "./metrics";
import { dedupe } from "./tokenize";

export interface QualityOptions {
  epochs: number;
  eps: number;
  events: number;
  seeds: number[];
}

interface Scored {
  score: number;
}

type Embedder = (unique: string[][], counts: number[]) => Promise<DenseMatrix>;

const MIN_SAMPLES = 5;

async function score(corpus: LabelledCorpus, embed: Embedder, eps: number, metric: "ari" | "ga"): Promise<Scored> {
  const { unique, counts, of } = dedupe(corpus.docs);
  const matrix = await embed(unique, counts);
  const labels = dbscanCosine(matrix, counts, eps, MIN_SAMPLES);
  const perLine = Int32Array.from(of, (u) => labels[u]!);
  const groups = groupsOf(perLine);
  return {
    score: metric === "ari" ? adjustedRandIndex(corpus.labels, groups) : groupingAccuracy(corpus.labels, groups),
  };
}

function tfidf(options: TfidfOptions): Embedder {
  return async (unique, counts) => {
    const model = createTfidf(options);
    await model.fit(unique, { counts });
    return model.transform(unique);
  };
}

function ours(params: Record<string, number | boolean>): Embedder {
  return async (unique) => {
    const model = createDoc2Vec(params);
    await model.fit(unique);
    return model.documentVectors();
  };
}

function gensim(params: Record<string, number | boolean>): Embedder {
  return async (unique) => {
    const out = trainGensim(unique, params as never, true);
    return { data: out.vectors!, rows: unique.length, cols: params.vectorSize as number };
  };
}

export async function qualityBench(options: QualityOptions): Promise<void> {
  const corpora: { corpus: LabelledCorpus; metric: "ari" | "ga" }[] = [
    { corpus: deploymentErrors(options.events, 7), metric: "ari" },
  ];
  const systems = loghubSystems();
  if (systems) for (const s of systems) corpora.push({ corpus: loadLoghub(s), metric: "ga" });
  const g = gensimVersion();
  const d2v = {
    vectorSize: 80,
    window: 2,
    minCount: 1,
    epochs: options.epochs,
    negative: 5,
    sample: 1e-3,
    alpha: 0.025,
    minAlpha: 0.0001,
    workers: 1,
  };

  const embedders: { name: string; make: (seed: number) => Embedder; seeded: boolean }[] = [
    { name: "TF-IDF (defaults)", make: () => tfidf({}), seeded: false },
    { name: "TF-IDF hashing 1024", make: () => tfidf({ densify: "hashing", dim: 1024 }), seeded: false },
    { name: "TF-IDF hashing 256", make: () => tfidf({ densify: "hashing", dim: 256 }), seeded: false },
    { name: "TF-IDF projection 256", make: () => tfidf({ densify: "projection", dim: 256 }), seeded: false },
    { name: "ours PV-DM", make: (seed) => ours({ ...d2v, dm: true, seed }), seeded: true },
    { name: "ours PV-DBOW", make: (seed) => ours({ ...d2v, dm: false, seed }), seeded: true },
  ];
  if (!("missing" in g)) {
    embedders.push(
      { name: `gensim ${g.version} PV-DM`, make: (seed) => gensim({ ...d2v, dm: true, seed }), seeded: true },
      { name: `gensim ${g.version} PV-DBOW`, make: (seed) => gensim({ ...d2v, dm: false, seed }), seeded: true },
    );
  }

  console.log("\n## Quality: DBSCAN (cosine) on the vectors\n");
  console.log(
    `DBSCAN eps ${options.eps}, minSamples ${MIN_SAMPLES}, weighted by duplicate counts; noise lines scored as singletons.` +
      ` Doc2Vec: vectorSize 80, window 2, minCount 1, epochs ${options.epochs}, mean of seeds ${options.seeds.join(", ")}.`,
  );
  if (!systems)
    console.log("Loghub-2k: NOT AVAILABLE (../shared/data/loghub-2k is missing); only the generated sample is scored.");
  if ("missing" in g) console.log(`gensim: NOT AVAILABLE (${g.missing}); its columns are left out.`);
  console.log(`\n| corpus | metric | unique docs | ${embedders.map((e) => e.name).join(" | ")} |`);
  console.log(`|---|---|---|${embedders.map(() => "---").join("|")}|`);
  const totals = embedders.map(() => 0);
  let gaCount = 0;
  for (const { corpus, metric } of corpora) {
    const cells: string[] = [];
    for (const [i, e] of embedders.entries()) {
      const seeds = e.seeded ? options.seeds : [0];
      let sum = 0;
      for (const seed of seeds) sum += (await score(corpus, e.make(seed), options.eps, metric)).score;
      const mean = sum / seeds.length;
      if (metric === "ga") totals[i]! += mean;
      cells.push(mean.toFixed(3));
    }
    if (metric === "ga") gaCount++;
    console.log(
      `| ${corpus.name} | ${metric.toUpperCase()} | ${dedupe(corpus.docs).unique.length} | ${cells.join(" | ")} |`,
    );
  }
  if (gaCount > 0)
    console.log(`| **Loghub mean** | GA | | ${totals.map((t) => `**${(t / gaCount).toFixed(3)}**`).join(" | ")} |`);
}
