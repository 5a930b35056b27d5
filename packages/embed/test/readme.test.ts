// The README's quick start, verbatim between the markers, then its `// =>` claims checked.
import { describe, expect, it } from "vitest";

describe("README quick start", () => {
  it("runs and its // => comments hold", async () => {
    // --- verbatim from README.md ---
    const { createDoc2Vec, createTfidf, fromJSON } = await import("@faultline/embed");

    const docs = [
      ["disk", "full", "on", "<host>"],
      ["disk", "full"],
      ["oom", "killed", "pod"],
    ]; // tokenised upstream
    const tfidf = createTfidf(); // sublinear tf, smoothed idf, l2 rows hashed into 512 columns
    await tfidf.fit(docs);
    const { rows, cols, zeroRows } = tfidf.transform([...docs, ["never", "seen"]]); // => 4, 512, Int32Array [3]
    const d2v = createDoc2Vec({ vectorSize: 80, window: 2, minCount: 1, epochs: 1000 }); // gensim's parameters
    await d2v.fit(docs, { signal: AbortSignal.timeout(60_000) }); // also: counts, onProgress
    const vector = d2v.inferVector(["disk", "full"]); // => Float32Array(80)
    const restored = fromJSON(JSON.stringify(d2v.toJSON())); // => same vectors: restored.inferVector(doc) equals d2v's
    // --- end ---

    expect([rows, cols, Array.from(zeroRows)]).toEqual([4, 512, [3]]);
    expect(vector).toBeInstanceOf(Float32Array);
    expect(vector.length).toBe(80);
    if (restored.kind !== "doc2vec") throw new Error("expected a Doc2Vec model");
    expect(restored.inferVector(["disk", "full"])).toEqual(vector);
  });

  it("is the README's code", async () => {
    const { readFileSync } = await import("node:fs");
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const block = /## Quick start\n\n```ts\n([\s\S]*?)```/.exec(readme)![1]!;
    const test = readFileSync(new URL(import.meta.url), "utf8");
    const body = /--- verbatim from README\.md ---\n([\s\S]*?)\n\s*\/\/ --- end ---/.exec(test)![1]!;
    const normalise = (code: string): string =>
      code
        .replace('import { createDoc2Vec, createTfidf, fromJSON } from "@faultline/embed";', "IMPORT")
        .replace('const { createDoc2Vec, createTfidf, fromJSON } = await import("@faultline/embed");', "IMPORT")
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean)
        .join("\n");
    expect(normalise(body)).toBe(normalise(block));
  });
});
