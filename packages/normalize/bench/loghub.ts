import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { templateKey } from "../src/index";
import { parseCsv } from "./csv";
import { groupingAccuracy } from "./grouping-accuracy";

export interface LoghubRow {
  system: string;
  ga: number;
  baseline: number;
  /** "Mask every whitespace token holding a digit" (Drain's has-digits heuristic alone). */
  tokenBaseline: number;
  keys: number;
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
    rows.push({
      system,
      ga: groupingAccuracy(keys, truth),
      baseline: groupingAccuracy(messages.map(digitMask), truth),
      tokenBaseline: groupingAccuracy(messages.map(digitTokenMask), truth),
      keys: new Set(keys).size,
      events: new Set(truth).size,
    });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = loghubGa(process.argv[2] ?? "../../../shared/data/loghub-2k");
  if (rows === undefined) console.log("loghub-2k not found");
  else {
    for (const r of rows)
      console.log(r.system.padEnd(12), r.ga.toFixed(3), r.baseline.toFixed(3), r.tokenBaseline.toFixed(3));
    const mean = (f: (r: LoghubRow) => number) => rows.reduce((s, r) => s + f(r), 0) / rows.length;
    console.log("mean".padEnd(12), mean((r) => r.ga).toFixed(3), mean((r) => r.baseline).toFixed(3));
  }
}
