// How much each TF-IDF densify method moves cosine similarities away from exact TF-IDF, on the bench corpora's
// unique documents: what the default dimension costs DBSCAN's eps-neighbourhoods.
import { createTfidf, type DenseMatrix, type TfidfDensify } from "../src/index";
import type { LabelledCorpus } from "./data";
import { dedupe } from "./tokenize";

const dot = (m: DenseMatrix, i: number, j: number): number => {
  let d = 0;
  for (let k = 0; k < m.cols; k++) d += m.data[i * m.cols + k]! * m.data[j * m.cols + k]!;
  return d;
};

export async function distortionBench(corpora: readonly LabelledCorpus[]): Promise<void> {
  const docs = corpora.flatMap((c) => dedupe(c.docs).unique);
  const exactModel = createTfidf({ densify: "vocabulary", dim: 1 << 16 });
  await exactModel.fit(docs);
  const exact = exactModel.transform(docs);
  let seed = 7;
  const next = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const near: [number, number][] = [];
  for (let p = 0; p < 20_000; p++) {
    const i = Math.floor(next() * docs.length);
    const j = Math.floor(next() * docs.length);
    if (i !== j && dot(exact, i, j) > 0.6) near.push([i, j]);
  }
  console.log("\n## TF-IDF densify distortion\n");
  console.log(
    `${docs.length} unique documents, ${exactModel.vocabulary.length} terms; ${near.length} random pairs with exact cosine > 0.6. ` +
      "Δ = |cosine after densify − exact cosine|; crossings = pairs on the other side of eps = 0.2 (cosine 0.8).",
  );
  console.log("\n| densify | dim | mean Δ | max Δ | eps 0.2 crossings |");
  console.log("|---|---|---|---|---|");
  for (const densify of ["hashing", "projection"] as TfidfDensify[]) {
    for (const dim of [128, 256, 512, 1024]) {
      const model = createTfidf({ densify, dim });
      await model.fit(docs);
      const m = model.transform(docs);
      let sum = 0;
      let max = 0;
      let crossings = 0;
      for (const [i, j] of near) {
        const a = dot(m, i, j);
        const b = dot(exact, i, j);
        sum += Math.abs(a - b);
        max = Math.max(max, Math.abs(a - b));
        if (a >= 0.8 !== b >= 0.8) crossings++;
      }
      const mark = densify === "hashing" && dim === 512 ? " (default)" : "";
      console.log(
        `| ${densify}${mark} | ${dim} | ${(sum / near.length).toFixed(4)} | ${max.toFixed(3)} | ${crossings} (${((100 * crossings) / near.length).toFixed(2)}%) |`,
      );
    }
  }
}
