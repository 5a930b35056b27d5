import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { linkCoreFragments } from "../src/link-core-fragments";

// Keys as analyzeErrors builds them: lower-cased, placeholders <*>, failing lines joined by "\n".
const framed =
  "error while building container image <*> (<*>). error: error: failed to detect: no buildpack groups passed detection";
const raw = "<*> image name <*> not found\nerror: failed to detect: no buildpack groups passed detection";
const procfile = "error while building container image <*> (<*>). error: multiple process types found in procfile";
const quota = "error while creating cloud resources: cloud provider quota exceeded for vcpu";

describe("linkCoreFragments", () => {
  it("unites a framed summary and raw output that share a core clause, and nothing else", () => {
    const labels = linkCoreFragments([framed, raw, procfile, quota], [10, 5, 6, 4], Int32Array.from([0, 1, 2, 3]));
    expect(Array.from(labels)).toEqual([0, 0, 2, 3]);
  });

  it("does not unite through the engine's wrapper, a clause that only ever opens a line", () => {
    // "error while building container image <*> (<*>)" is in every event of all three clusters, always first.
    const other = "error while building container image <*> (<*>). error: registry push denied for image";
    const labels = linkCoreFragments([framed, procfile, other], [4, 4, 4], Int32Array.from([0, 1, 2]));
    expect(Array.from(labels)).toEqual([0, 1, 2]);
  });

  it("needs the clause in at least 90 % of each cluster's events", () => {
    const labels = linkCoreFragments(
      [framed, raw, "something else entirely here now"],
      [10, 1, 9],
      Int32Array.from([0, 1, 1]),
    );
    expect(Array.from(labels)).toEqual([0, 1, 1]); // cluster 1: only 1 of 10 events carries the clause
  });

  it("ignores noise and short clauses", () => {
    const labels = linkCoreFragments(["disk full: retry", "disk full: retry later"], [3, 3], Int32Array.from([-1, 0]));
    expect(Array.from(labels)).toEqual([-1, 0]);
  });

  test.prop([
    fc.array(
      fc.tuple(
        fc.constantFrom(framed, raw, procfile, quota),
        fc.integer({ min: -1, max: 4 }),
        fc.integer({ min: 1, max: 9 }),
      ),
      { maxLength: 30 },
    ),
  ])("only ever merges: noise stays noise, and two causes with one label keep sharing one", (rows) => {
    const labels = Int32Array.from(rows, (r) => r[1]);
    const out = linkCoreFragments(
      rows.map((r) => r[0]),
      rows.map((r) => r[2]),
      labels,
    );
    for (let i = 0; i < rows.length; i++) {
      expect(out[i]! < 0).toBe(labels[i]! < 0);
      for (let j = 0; j < rows.length; j++) if (labels[i] === labels[j]) expect(out[i]).toBe(out[j]);
    }
  });
});
