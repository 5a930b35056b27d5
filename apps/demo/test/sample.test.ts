import { readFileSync } from "node:fs";
import { FaultlineEvent } from "@faultline/schemas";
import { describe, expect, it } from "vitest";
import { CULPRIT } from "../src/sample/deploy-events";
import { ERROR_CAUSES } from "../src/sample/error-causes";
import { sampleFiles } from "../src/sample/sample-files";

const committed = (name: string): string => readFileSync(new URL(`../sample/${name}`, import.meta.url), "utf8");
const files = sampleFiles();

describe("bundled sample", () => {
  it.each([...files.keys()])(
    "%s is what the seeded generator produces (run `pnpm --filter @faultline/demo sample`)",
    (name) => {
      expect(committed(name) === files.get(name)).toBe(true);
    },
  );

  it("has one truth label per flattened error event", () => {
    for (const name of ["errors", "errors-after"]) {
      const events = committed(`${name}.ndjson`)
        .trim()
        .split("\n")
        .flatMap((line) => (JSON.parse(line) as { events: unknown[] }).events);
      const truth = JSON.parse(committed(`${name}.truth.json`)) as string[];
      expect(truth).toHaveLength(events.length);
    }
  });

  it("gives every cause its declared share, to the nearest event", () => {
    const truth = JSON.parse(committed("errors.truth.json")) as string[];
    for (const cause of ERROR_CAUSES) {
      const count = truth.filter((label) =>
        cause.id === "one-off" ? label.startsWith("one-off-") : label === cause.id,
      ).length;
      expect(Math.abs(count - (cause.share / 100) * truth.length)).toBeLessThanOrEqual(1);
    }
  });

  it("holds deploy events that are all valid FaultlineEvents, including the culprit deploy", () => {
    const events = committed("deploys.ndjson")
      .trim()
      .split("\n")
      .map((line) => FaultlineEvent.parse(JSON.parse(line)));
    expect(events.length).toBeGreaterThan(1000);
    expect(events.some((e) => e.type === "deployment" && e.commitMessage === CULPRIT.commitMessage)).toBe(true);
    const previews = events.filter((e) => e.type === "environment" && e.preview);
    expect(previews.length).toBeGreaterThan(100);
  });
});
