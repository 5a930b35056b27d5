import { describe, expect, it } from "vitest";
import { parseCollectorConfig, startCollector } from "../src/index";
import { LOAD_SECRET, signedDelivery } from "./support/deliveries";
import { tempFile } from "./support/helpers";

describe("parseCollectorConfig", () => {
  it("accepts a complete configuration", () => {
    const result = parseCollectorConfig({
      store: { kind: "postgres", connectionString: "postgres://x@127.0.0.1/db", maxConnections: 4 },
      auth: { github: { secret: ["a", "b"] }, gitlab: { signingToken: "whsec_x" }, errors: { token: "t" } },
      listen: { port: 8787 },
      basePath: "/faultline",
      maxBodyBytes: 2_000_000,
    });
    expect(result.success).toBe(true);
  });

  it("names every invalid field and never echoes a secret", () => {
    const result = parseCollectorConfig({
      store: { kind: "sqlite" },
      auth: { github: { secret: "" }, gitlab: {}, qovery: { secret: "super-secret-value", extra: 1 } },
      listen: { port: 70_000 },
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error).toMatch(/store\.filename/);
    expect(result.error).toMatch(/auth\.github\.secret/);
    expect(result.error).toMatch(/auth\.gitlab: set token and\/or signingToken/);
    expect(result.error).toMatch(/auth\.qovery/);
    expect(result.error).toMatch(/listen\.port/);
    expect(result.error).not.toContain("super-secret-value");
  });
});

describe("startCollector", () => {
  it("opens the store, serves, and closes both", async () => {
    const running = await startCollector({
      store: { kind: "sqlite", filename: tempFile("started.db") },
      auth: { github: { secret: LOAD_SECRET } },
      listen: { port: 0 },
    });
    try {
      const d = signedDelivery(1);
      const response = await fetch(`${running.url}/webhooks/github`, {
        method: "POST",
        headers: d.headers,
        body: d.body,
      });
      expect(response.status).toBe(200);
      expect((await running.store.counts()).events).toBe(1);
    } finally {
      await running.close();
    }
    await expect(running.store.counts()).rejects.toThrow(/closed/);
  });

  it("throws a TypeError naming the field for an invalid configuration", async () => {
    await expect(startCollector({ store: { kind: "sqlite", filename: "" }, auth: {} })).rejects.toThrow(
      /store\.filename/,
    );
  });
});
