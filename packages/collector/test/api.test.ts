import { expect, it } from "vitest";

it("exports exactly the documented API", async () => {
  expect(Object.keys(await import("../src/index")).sort()).toMatchInlineSnapshot(`
    [
      "WEBHOOK_PROVIDERS",
      "createCollector",
      "createFetchHandler",
      "createHonoHandler",
      "createNodeListener",
      "createPostgresStore",
      "createServer",
      "createSqliteStore",
      "openStore",
      "parseCollectorConfig",
      "startCollector",
      "startServer",
    ]
  `);
});
