// Clustering quality: each embedding is clustered with the same weighted cosine DBSCAN (minSamples 5), and the
// groups are scored against the truth: ARI on the labelled deployment-error sample, grouping accuracy (GA) on
// Loghub-2k. Documents are deduplicated first (identical token sequences) and every model sees the same unique
// documents; TF-IDF also gets their counts (document frequency), DBSCAN gets them as sample weights.
// Scores are given at the pipeline's eps (0.2) and at the best eps of a small grid, per model, because Doc2Vec
// vectors do not live on the same cosine scale as TF-IDF rows.

import { dbscan } from "@faultline/dbscan";
import { createDoc2Vec, createTfidf, type DenseMatrix, type TfidfOptions } from "../src/index";
import { deploymentErrors, type LabelledCorpus, loadLoghub, loghubSystems } from "./data";
import { distortionBench } from "./distortion";
import { gensimVersion, trainGensim } from "./gensim";
import { adjustedRandIndex, groupingAccuracy, groupsOf } from "./metrics";
import { dedupe } from "./tokenize";

export interface QualityOptions {
  epochs: number;
  events: number;
  seeds: number[];
}

type Embedder = (unique: string[][], counts: number[]) => Promise<DenseMatrix>;

const MIN_SAMPLES = 5;
const PIPELINE_EPS = 0.2;
const EPS_GRID = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5];

/** Scores of one embedding at every eps of the grid. */
async function scores(corpus: LabelledCorpus, embed: Embedder, metric: "ari" | "ga"): Promise<number[]> {
  const { unique, counts, of } = dedupe(corpus.docs);
  const matrix = await embed(unique, counts);
  return EPS_GRID.map((eps) => {
    const { labels } = dbscan(matrix, { eps, minSamples: MIN_SAMPLES, metric: "cosine", sampleWeight: counts });
    const groups = groupsOf(Int32Array.from(of, (u) => labels[u]!));
    return metric === "ari" ? adjustedRandIndex(corpus.labels, groups) : groupingAccuracy(corpus.labels, groups);
  });
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
    { name: "TF-IDF defaults (hashing 512)", make: () => tfidf({}), seeded: false },
    { name: "TF-IDF exact (vocabulary 4096)", make: () => tfidf({ densify: "vocabulary", dim: 4096 }), seeded: false },
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
    `DBSCAN minSamples ${MIN_SAMPLES}, weighted by duplicate counts; noise lines scored as singletons. ` +
      `Doc2Vec (ours and gensim alike): vectorSize 80, window 2, minCount 1, epochs ${options.epochs}, negative 5, ` +
      `sample 1e-3, one worker, mean over seeds ${options.seeds.join(", ")}. Tokens: @faultline/normalize (normalizeMessage().tokens); clustering: @faultline/dbscan.`,
  );
  if (!systems)
    console.log("Loghub-2k: NOT AVAILABLE (../shared/data/loghub-2k is missing); only the generated sample is scored.");
  if ("missing" in g) console.log(`gensim: NOT AVAILABLE (${g.missing}); its columns are left out.`);

  // results[corpus][embedder] = mean score per eps
  const results: number[][][] = [];
  for (const { corpus, metric } of corpora) {
    const row: number[][] = [];
    for (const e of embedders) {
      const seeds = e.seeded ? options.seeds : [0];
      const sum = EPS_GRID.map(() => 0);
      for (const seed of seeds) {
        // Progress on stderr, so `pnpm bench > BENCH.md` keeps only the report.
        console.error(`[quality] ${corpus.name}: ${e.name}${e.seeded ? `, seed ${seed}` : ""}`);
        const perEps = await scores(corpus, e.make(seed), metric);
        for (let i = 0; i < perEps.length; i++) sum[i]! += perEps[i]!;
      }
      row.push(sum.map((s) => s / seeds.length));
    }
    results.push(row);
  }

  const table = (title: string, pick: (perEps: number[], e: number) => number, label: (e: number) => string): void => {
    console.log(`\n### ${title}\n`);
    console.log(`| corpus | metric | unique docs | ${embedders.map((e) => e.name).join(" | ")} |`);
    console.log(`|---|---|---|${embedders.map(() => "---").join("|")}|`);
    const totals = embedders.map(() => 0);
    let ga = 0;
    corpora.forEach(({ corpus, metric }, c) => {
      const cells = embedders.map((_, e) => {
        const v = pick(results[c]![e]!, e);
        if (metric === "ga") totals[e]! += v;
        return v.toFixed(3);
      });
      if (metric === "ga") ga++;
      console.log(
        `| ${corpus.name} | ${metric.toUpperCase()} | ${dedupe(corpus.docs).unique.length} | ${cells.join(" | ")} |`,
      );
    });
    if (ga > 0)
      console.log(`| **Loghub mean** | GA | | ${totals.map((t) => `**${(t / ga).toFixed(3)}**`).join(" | ")} |`);
    console.log(`| eps | | | ${embedders.map((_, e) => label(e)).join(" | ")} |`);
  };
  const at = EPS_GRID.indexOf(PIPELINE_EPS);
  table(
    `At the pipeline's eps = ${PIPELINE_EPS}`,
    (s) => s[at]!,
    () => String(PIPELINE_EPS),
  );
  // One eps per model (the best mean over all corpora), not per corpus: no peeking at each corpus's truth.
  const bestEps = embedders.map((_, e) => {
    let best = 0;
    for (let i = 1; i < EPS_GRID.length; i++) {
      const mean = (k: number): number => results.reduce((s, row) => s + row[e]![k]!, 0);
      if (mean(i) > mean(best)) best = i;
    }
    return best;
  });
  table(
    "At each model's best eps (one eps per model, chosen on the mean over all corpora)",
    (s, e) => s[bestEps[e]!]!,
    (e) => String(EPS_GRID[bestEps[e]!]),
  );
  await distortionBench(corpora.map((c) => c.corpus));
}
