import { expect, it } from "vitest";

it("exports exactly the documented API", async () => {
  expect(Object.keys(await import("../src/index")).sort()).toMatchInlineSnapshot(`
    [
      "cosineDistance",
      "dbscan",
      "dedupeRows",
      "euclideanDistance",
      "expandLabels",
      "expandResult",
      "fitDbscan",
      "restoreDbscanModel",
    ]
  `);
});
