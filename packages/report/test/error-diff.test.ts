import { describe, expect, it } from "vitest";
import { labelsOf, loadErrors } from "../scripts/sample-data";
import { buildErrorGroups, diffErrorGroups, type ErrorItem } from "../src/index";

const run = (rows: [string, number][]): ReturnType<typeof buildErrorGroups> => {
  const items: ErrorItem[] = rows.map(([m, count]) => ({ message: m, tokens: m.split(" "), count }));
  return buildErrorGroups(
    items,
    Int32Array.from(rows, (_, i) => i),
    { merge: false },
  );
};

describe("diffErrorGroups", () => {
  it("classifies grew / shrank / steady / new / gone with share deltas", () => {
    const before = run([
      ["liveness probe failed on port <NUM>", 33],
      ["disk quota exceeded on volume <ID>", 50],
      ["image pull back off for <ID>", 17],
    ]);
    const after = run([
      ["liveness probe failed on port <NUM>", 18],
      ["disk quota exceeded on the volume <ID>", 50],
      ["out of memory in container <ID>", 32],
    ]);
    const diff = diffErrorGroups(before, after);
    expect(
      diff.changes.map((c) => [
        c.status,
        c.template,
        c.before?.sharePercent ?? null,
        c.after?.sharePercent ?? null,
        c.shareDelta,
      ]),
    ).toEqual([
      ["steady", "disk quota exceeded on the volume <ID>", 50, 50, 0],
      ["shrank", "liveness probe failed on port <NUM>", 33, 18, -15],
      ["new", "out of memory in container <ID>", null, 32, 32],
      ["gone", "image pull back off for <ID>", 17, null, -17],
    ]);
    expect(diff.totals).toEqual({ before: 100, after: 100 });
  });

  it("matches each group at most once, most similar pair first", () => {
    const before = run([["pod <ID> crashed", 1]]);
    const after = run([
      ["pod <ID> crashed", 1],
      ["pod <ID> crashed!", 1],
    ]);
    const diff = diffErrorGroups(before, after);
    expect(diff.changes.filter((c) => c.status === "new").map((c) => c.template)).toEqual(["pod <ID> crashed!"]);
  });

  it("tells which causes shrank between the two sample runs", () => {
    const prepare = (which: "errors" | "errors-after"): ReturnType<typeof buildErrorGroups> => {
      const { items, truth } = loadErrors(which);
      return buildErrorGroups(items, labelsOf(truth));
    };
    const diff = diffErrorGroups(prepare("errors"), prepare("errors-after"));
    const shrank = diff.changes
      .filter((c) => c.status === "shrank")
      .map((c) => [c.before!.sharePercent, c.after!.sharePercent]);
    expect(shrank).toContainEqual([10.5, 6]);
    expect(diff.changes.every((c) => c.similarity === null || c.similarity >= 0.75)).toBe(true);
  });

  it("validates its arguments", () => {
    expect(() => diffErrorGroups({} as never, run([]))).toThrow(
      "[@faultline/report] before must be a result of buildErrorGroups",
    );
    expect(() => diffErrorGroups(run([]), run([]), { minSimilarity: 1.5 })).toThrow(RangeError);
  });
});
