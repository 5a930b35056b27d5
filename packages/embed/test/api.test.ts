import { describe, expect, it } from "vitest";

describe("@faultline/embed", () => {
  it("exports exactly the documented API", async () => {
    expect(Object.keys(await import("../src/index")).sort()).toMatchInlineSnapshot(`
      [
        "EmbedModelError",
        "createDoc2Vec",
        "createTfidf",
        "fromJSON",
        "safeFromJSON",
      ]
    `);
  });
});
