import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { mineTemplates, templateKey } from "../src/index";
import { parseCsv } from "./csv";
import { groupingAccuracy } from "./grouping-accuracy";

export interface LoghubRow {
  system: string;
  /** Exact template-key equality. */
  ga: number;
  /** Template keys grouped by mineTemplates with its defaults (the package's default path). */
  mined: number;
  baseline: number;
  /** "Mask every whitespace token holding a digit" (Drain's has-digits heuristic alone). */
  tokenBaseline: number;
  keys: number;
  templates: number;
  events: number;
}

/** The "mask digits and group identical lines" baseline named in shared/README.md. */
export function digitMask(message: string): string {
  return message.replace(/\d+/g, "<*>");
}

/** Every whitespace-delimited token that holds a digit becomes <*>. */
export function digitTokenMask(message: string): string {
  return message
    .split(/\s+/)
    .map((t) => (/\d/.test(t) ? "<*>" : t))
    .join(" ");
}

export function loghubGa(dir: string): LoghubRow[] | undefined {
  if (!existsSync(dir)) return undefined;
  const rows: LoghubRow[] = [];
  for (const system of readdirSync(dir).sort()) {
    const file = join(dir, system, `${system}_2k.log_structured_corrected.csv`);
    if (!existsSync(file)) continue;
    const [header, ...data] = parseCsv(readFileSync(file, "utf8"));
    const content = header!.indexOf("Content");
    const eventId = header!.indexOf("EventId");
    const lines = data.filter((r) => r.length === header!.length);
    const messages = lines.map((r) => r[content]!);
    const truth = lines.map((r) => r[eventId]!);
    const keys = messages.map((m) => templateKey(m));
    // Callers dedupe first and pass occurrences as weights.
    const weightOf = new Map<string, number>();
    for (const k of keys) weightOf.set(k, (weightOf.get(k) ?? 0) + 1);
    const distinct = [...weightOf.keys()];
    const mined = mineTemplates(distinct, { weights: distinct.map((k) => weightOf.get(k)!) });
    const idOf = new Map(distinct.map((k, i) => [k, String(mined.templateIds[i])]));
    rows.push({
      system,
      ga: groupingAccuracy(keys, truth),
      mined: groupingAccuracy(
        keys.map((k) => idOf.get(k)!),
        truth,
      ),
      baseline: groupingAccuracy(messages.map(digitMask), truth),
      tokenBaseline: groupingAccuracy(messages.map(digitTokenMask), truth),
      keys: distinct.length,
      templates: mined.templates.length,
      events: new Set(truth).size,
    });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = loghubGa(process.argv[2] ?? "../../../shared/data/loghub-2k");
  if (rows === undefined) console.log("loghub-2k not found");
  else {
    const cols = ["exact key", "mined", "digit runs", "digit tokens"];
    console.log("system".padEnd(12), ...cols.map((c) => c.padStart(12)));
    const line = (name: string, xs: number[]) =>
      console.log(name.padEnd(12), ...xs.map((x) => x.toFixed(3).padStart(12)));
    const pick = (r: LoghubRow) => [r.ga, r.mined, r.baseline, r.tokenBaseline];
    for (const r of rows) line(r.system, pick(r));
    line(
      "mean",
      cols.map((_, c) => rows.reduce((s, r) => s + pick(r)[c]!, 0) / rows.length),
    );
  }
}
