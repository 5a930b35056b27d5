// Writes a report in the formats the user asked for: one format on stdout (--format), and any number of files
// (--html, --md, --csv, --json). Rendering is @faultline/report's; this file only routes.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  type CsvTable,
  type ReportModel,
  renderCsv,
  renderHtml,
  renderJson,
  renderMarkdown,
  renderText,
} from "@faultline/report";
import { type CommandContext, type CommandIo, InputError, type OptionSpec } from "./command";

export const FORMATS = ["text", "json", "md", "csv"] as const;
export type Format = (typeof FORMATS)[number];

/** Output options shared by every reporting command. */
export const OUTPUT_OPTIONS: Record<string, OptionSpec> = {
  format: {
    type: "string",
    short: "f",
    value: "<text|json|md|csv>",
    description: "what to print on stdout (default text)",
  },
  html: { type: "string", value: "<file>", description: "also write an HTML report (charts included, no network)" },
  md: { type: "string", value: "<file>", description: "also write a Markdown report" },
  csv: { type: "string", value: "<file>", description: "also write the main table as CSV" },
  json: { type: "string", value: "<file>", description: "also write the JSON report" },
};

export interface Rendered {
  model: ReportModel;
  /** CSV table for --format csv and --csv. */
  table: CsvTable;
  /** What --format json prints, when it is not the report model (the analyze contract). */
  json?: unknown;
}

export function writeOutputs(ctx: CommandContext, format: Format, out: Rendered): void {
  const { io, values } = ctx;
  const files: [string | undefined, () => string][] = [
    [values.html as string | undefined, () => renderHtml(out.model)],
    [values.md as string | undefined, () => renderMarkdown(out.model)],
    [values.csv as string | undefined, () => renderCsv(out.model, { table: out.table })],
    [values.json as string | undefined, () => renderJson(out.model)],
  ];
  for (const [path, render] of files) if (path !== undefined) writeTo(io, path, render());
  io.stdout.write(render(format, out));
}

function render(format: Format, out: Rendered): string {
  switch (format) {
    case "json":
      return out.json === undefined ? renderJson(out.model) : `${JSON.stringify(out.json)}\n`;
    case "md":
      return renderMarkdown(out.model);
    case "csv":
      return renderCsv(out.model, { table: out.table });
    default:
      return renderText(out.model, { width: Math.max(80, (process.stdout.columns ?? 120) - 1) });
  }
}

export function writeTo(io: CommandIo, path: string, text: string): void {
  try {
    writeFileSync(resolve(io.cwd, path), text);
  } catch (error) {
    throw new InputError(`${path}: cannot write (${(error as Error).message})`);
  }
}

/** Lists rejected records on stderr (first 20, then a count), unless quiet. */
export function reportRejections(
  io: CommandIo,
  quiet: boolean,
  what: string,
  rejected: readonly { reason: string }[],
): void {
  if (quiet || rejected.length === 0) return;
  io.stderr.write(`faultline: ${rejected.length} ${what} rejected:\n`);
  for (const r of rejected.slice(0, 20)) io.stderr.write(`  ${r.reason}\n`);
  if (rejected.length > 20) io.stderr.write(`  … and ${rejected.length - 20} more (see --format json)\n`);
  // The library names its option; on the command line the same choice is a flag.
  if (rejected.some((r) => r.reason.endsWith("in fields.message")))
    io.stderr.write("  (on the command line: --message-field <name>, and --time-field <name> for the time)\n");
}

/** Lists on stderr the records that were read but carry nothing to count (a webhook push), with why. */
export function reportIgnored(io: CommandIo, quiet: boolean, ignored: readonly { reason: string }[]): void {
  if (quiet || ignored.length === 0) return;
  io.stderr.write(`faultline: ${ignored.length} records ignored (no deploy, environment or change in them):\n`);
  for (const r of ignored.slice(0, 20)) io.stderr.write(`  ${r.reason}\n`);
  if (ignored.length > 20) io.stderr.write(`  … and ${ignored.length - 20} more\n`);
}
