// The README's quick start, verbatim between the markers, then its `// =>` claims checked.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("README quick start", () => {
  it("runs and its // => comments hold", async () => {
    // --- verbatim from README.md ---
    const { createCollector, createSqliteStore } = await import("@faultline/collector");

    const store = await createSqliteStore({ filename: ":memory:" }); // a file path in real use, or createPostgresStore(…)
    const collector = createCollector({ store, auth: { cdevents: { token: "s3cret" } } }); // github, gitlab, circleci, …
    const context = { id: "e-1", source: "/ci", type: "dev.cdevents.service.deployed.0.2.0", specversion: "0.4.1" };
    const subject = { id: "api", content: { environment: { id: "production" }, artifactId: "pkg:oci/api@1.0" } };
    const event = { context: { ...context, timestamp: "2026-11-24T09:30:00Z" }, subject };
    const headers = { "content-type": "application/json", authorization: "Bearer s3cret" };
    const rawBody = Buffer.from(JSON.stringify(event));
    const res = await collector.handle({ method: "POST", url: "/webhooks/cdevents", headers, rawBody }); // => status 200
    const deployments = await store.deployments({ environment: "production" }); // => [{ service: "api", … }]
    // --- end ---

    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({
      status: "stored",
      source: "cdevents:/ci",
      deliveryId: "e-1",
      events: 1,
    });
    expect(deployments).toEqual([
      expect.objectContaining({ type: "deployment", kind: "deployed", service: "api", rawRef: "cdevents:/ci#e-1" }),
    ]);
    await store.close();
  });

  it("is the README's code", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const block = /## Quick start\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const test = readFileSync(new URL(import.meta.url), "utf8");
    const body = /--- verbatim from README\.md ---\n([\s\S]*?)\n\s*\/\/ --- end ---/.exec(test)?.[1] ?? "";
    const normalise = (code: string): string[] =>
      code
        .replace('import { createCollector, createSqliteStore } from "@faultline/collector";', "IMPORT")
        .replace('const { createCollector, createSqliteStore } = await import("@faultline/collector");', "IMPORT")
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "");
    expect(normalise(body)).toEqual(normalise(block));
    expect(normalise(block).length).toBeLessThanOrEqual(10);
  });
});
