// Loads the bundled sample (test/fixtures) into the shapes the analyses take. Shared by tests and scripts.
import { readFileSync } from "node:fs";
import type { ErrorItem } from "../src/error-groups";

const dir = new URL("../test/fixtures/", import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, dir), "utf8");

/** A deliberately plain tokenizer for tests: split on whitespace, mask ids and numbers. */
export function tokenize(message: string): string[] {
  return message
    .split(/\s+/)
    .filter((t) => t.length > 0)
    .map((t) =>
      /[0-9a-f]{8}-[0-9a-f]{4}-/i.test(t) || /^z[0-9a-f]{6,}/.test(t) ? "<ID>" : /\d/.test(t) ? "<NUM>" : t,
    );
}

export function loadErrors(which: "errors" | "errors-after"): { items: ErrorItem[]; truth: string[] } {
  const items: ErrorItem[] = [];
  for (const line of read(`${which}.ndjson`).trim().split("\n")) {
    const row = JSON.parse(line) as {
      events: { message: string; scope?: string; state?: string; timestamp?: string }[];
    };
    for (const e of row.events)
      items.push({
        message: e.message,
        tokens: tokenize(e.message),
        ...(e.scope === undefined ? {} : { scope: e.scope }),
        ...(e.state === undefined ? {} : { state: e.state }),
        ...(e.timestamp === undefined ? {} : { timestamp: e.timestamp }),
      });
  }
  return { items, truth: JSON.parse(read(`${which}.truth.json`)) as string[] };
}

/** Dense integer labels for string labels, in order of first appearance. */
export function labelsOf(truth: readonly string[]): Int32Array {
  const ids = new Map<string, number>();
  return Int32Array.from(truth, (t) => {
    if (!ids.has(t)) ids.set(t, ids.size);
    return ids.get(t)!;
  });
}

export function loadDeploys(): unknown[] {
  return read("deploys.ndjson")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as unknown);
}

export function loadMetric(): unknown[] {
  return read("metric.csv")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => {
      const [date, name, value, app] = l.split(",");
      return { type: "metric", name, timestamp: `${date}T00:00:00Z`, value: Number(value), dimensions: { app } };
    });
}
