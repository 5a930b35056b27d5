import { readFileSync } from "node:fs";
import { join } from "node:path";
import { format } from "node:util";
import { describe, expect, it } from "vitest";
import { flatten, groupByTemplateKey, normalizeMessage } from "../src/index";

// The README's quick start, verbatim (its import line names the published package; the test imports the
// same names from source). The first test checks the two stay identical, the second that every
// `// =>` comment is what the line prints.
function quickStart(console: { log: (...args: unknown[]) => void }): void {
  const batch = [{ message: "dial 10.2.1.5:80: refused" }, { message: "Dial 10.9.0.3:5432: refused" }];
  const { events, rejected } = flatten([{ id: "r1", events: batch }, { id: "r2" }]);
  const normalized = events.map((e) => normalizeMessage(e.event.message));
  console.log(normalized[1]?.templateKey); // => dial <*>: refused
  console.log(normalized[1]?.params); // => [ { name: 'ipv4', mask: '<IP>', value: '10.9.0.3:5432' } ]
  console.log(groupByTemplateKey(normalized).map((g) => g.count)); // => [ 2 ]
  console.log(rejected[0]?.reason); // => record 1: missing `events`: expected an array of error events
}

const trimmed = (lines: string[]) => lines.map((l) => l.trim()).filter((l) => l.length > 0);
const readme = readFileSync(join(import.meta.dirname, "..", "README.md"), "utf8");
const source = readFileSync(import.meta.filename, "utf8");
const body = /function quickStart[^\n]*\n([\s\S]*?)\n}\n/.exec(source)![1]!;

describe("README quick start", () => {
  it("is the code this test runs, and at most 10 lines", () => {
    const block = /## Quick start\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const [importLine, ...code] = block!.split("\n");
    expect(importLine).toBe('import { flatten, groupByTemplateKey, normalizeMessage } from "@faultline/normalize";');
    expect(trimmed(code)).toEqual(trimmed(body.split("\n")));
    expect(trimmed(code).length).toBeLessThanOrEqual(10);
  });

  it("prints what its comments say", () => {
    const printed: string[] = [];
    quickStart({ log: (...args: unknown[]) => void printed.push(format(...args)) });
    const expected = body
      .split("\n")
      .filter((l) => l.includes("// => "))
      .map((l) => l.slice(l.indexOf("// => ") + 6));
    expect(printed).toEqual(expected);
  });
});
