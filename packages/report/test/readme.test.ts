// The README's quick start, verbatim between the markers, then its `// =>` claims checked.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("README quick start", () => {
  it("runs and its // => comments hold", async () => {
    // --- verbatim from README.md ---
    const { analyzeDeployFrequency, buildErrorGroups, detectChangePoints } = await import("@faultline/report");

    const mask = (m: string) => ({ message: m, tokens: m.replace(/\S*\d\S*/g, "<*>").split(" ") });
    const errors = ["pod api-1 crashed", "pod web-7 crashed", "disk full"].map(mask);
    const { groups, noise } = buildErrorGroups(errors, [0, 0, -1]); // labels from your clustering, -1 = noise
    groups.map((g) => g.template); // => ["pod <*> crashed"]
    [...groups.map((g) => g.sharePercent), noise.sharePercent]; // => [66.7, 33.3]
    const prod = { type: "deployment", kind: "deployed", environment: { name: "prod", kind: "production" } };
    const events = ["2026-11-02T10:00:00Z", "2026-11-07T10:00:00+01:00"].map((timestamp) => ({ ...prod, timestamp }));
    analyzeDeployFrequency(events).perDay.map((d) => d.count); // => [1, 0, 0, 0, 0, 1]
    detectChangePoints([5, 5, 5, 5, 5, 9, 9, 9, 9, 9], { period: 0, minSegmentLength: 3 }).changePoints; // => [5]
    // --- end ---

    expect(groups.map((g) => g.template)).toEqual(["pod <*> crashed"]);
    expect([...groups.map((g) => g.sharePercent), noise.sharePercent]).toEqual([66.7, 33.3]);
    expect(analyzeDeployFrequency(events).perDay.map((d) => d.count)).toEqual([1, 0, 0, 0, 0, 1]);
    expect(detectChangePoints([5, 5, 5, 5, 5, 9, 9, 9, 9, 9], { period: 0, minSegmentLength: 3 }).changePoints).toEqual(
      [5],
    );
  });

  it("is the README's code", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const block = /## Quick start\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const test = readFileSync(new URL(import.meta.url), "utf8");
    const body = /--- verbatim from README\.md ---\n([\s\S]*?)\n\s*\/\/ --- end ---/.exec(test)?.[1] ?? "";
    const normalise = (code: string): string[] =>
      code
        .replace(
          'import { analyzeDeployFrequency, buildErrorGroups, detectChangePoints } from "@faultline/report";',
          "IMPORT",
        )
        .replace(
          'const { analyzeDeployFrequency, buildErrorGroups, detectChangePoints } = await import("@faultline/report");',
          "IMPORT",
        )
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "");
    expect(normalise(body)).toEqual(normalise(block));
    expect(normalise(block).length).toBeLessThanOrEqual(10);
  });
});

describe("README: analyzeErrors", () => {
  it("runs and its // => comments hold", async () => {
    // --- verbatim from README.md (analyzeErrors) ---
    const { analyzeErrors } = await import("@faultline/report");

    const rows = [
      {
        id: "r1",
        events: [
          { message: "Container api-7f9c2 was OOMKilled (exit code 137)" },
          { message: "git clone failed: repository not found" },
        ],
      },
      { id: "r2", events: [{ message: "Container web-1b2c3 was OOMKilled (exit code 137)" }] },
      "Container api-9d8e7 was OOMKilled (exit code 137)", // a plain message is one event too
      { message: "git clone failed: repository not found" }, // so is a single event
      { id: "r3", events: [{ message: 404 }] }, // rejected, with the reason
    ];
    const analysis = await analyzeErrors(rows);
    // --- end ---
    expect(analysis.groups.map((g) => `${g.sharePercent} % ${g.template}`)).toEqual([
      "60 % container <pod> oomkilled exit code <num>",
      "40 % git clone failed repository not found",
    ]);
    expect(Array.from(analysis.assignments)).toEqual([0, 1, 0, 0, 1]);
    expect(analysis.rejected[0]?.reason).toBe(
      "record 4: events[0].message: Invalid input: expected string, received number",
    );
  });

  it("is the README's code", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const block = /## One call: `analyzeErrors`[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const test = readFileSync(new URL(import.meta.url), "utf8");
    const body =
      /--- verbatim from README\.md \(analyzeErrors\) ---\n([\s\S]*?)\n\s*\/\/ --- end ---/.exec(test)?.[1] ?? "";
    const lines = (code: string) =>
      code
        .replace(
          'import { analyzeErrors } from "@faultline/report";',
          'const { analyzeErrors } = await import("@faultline/report");',
        )
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l !== "" && !l.includes("// =>"));
    expect(lines(body)).toEqual(lines(block));
  });
});
