import type { ReportModel } from "../report-model";
import { clip, outline, plainInline } from "./document";

/** Options of {@link renderText}. */
export interface TextOptions {
  /**
   * Target line width; the widest columns (templates, commit messages) are shortened to fit.
   * @defaultValue 120
   */
  width?: number;
  /**
   * Longest table shown.
   * @defaultValue 25
   */
  maxRows?: number;
}

const width = (s: string): number => [...s].length;
const pad = (s: string, w: number, right: boolean): string =>
  right ? " ".repeat(Math.max(0, w - width(s))) + s : s + " ".repeat(Math.max(0, w - width(s)));

/** Greedy word wrap; a word longer than the line is cut. */
function wrap(text: string, max: number, first: string, rest = first): string[] {
  const out: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/)) {
    const indent = out.length === 0 ? first : rest;
    if (!empty && width(line) + 1 + width(word) > max) {
      out.push(line);
      line = rest;
      empty = true;
    }
    const room = max - width(empty ? (out.length === 0 ? indent : rest) : line) - (empty ? 0 : 1);
    const piece = width(word) > room ? clip(word, Math.max(1, room)) : word;
    line = empty ? line + piece : `${line} ${piece}`;
    empty = false;
  }
  out.push(line);
  return out;
}

/**
 * Renders a report as plain text for a terminal: no colours or escape codes, aligned columns, and lines kept
 * within `width` by shortening the widest columns.
 *
 * @example
 * renderText(buildReport({ title: "Weekly" })); // => "Weekly\n======\n"
 */
export function renderText(model: ReportModel, options: TextOptions = {}): string {
  const maxWidth = options.width ?? 120;
  const lines: string[] = [];
  let previous: string | undefined;
  for (const block of outline(model, options.maxRows ?? 25)) {
    // Two tables in a row (deploys per week, then per month) would read as one with a second header.
    if (block.kind === "table" && previous === "table") lines.push("");
    if (block.kind !== "chart") previous = block.kind;
    switch (block.kind) {
      case "heading":
        if (lines.length > 0) lines.push("");
        lines.push(block.text);
        if (block.level < 3) lines.push((block.level === 1 ? "=" : "-").repeat(Math.min(maxWidth, width(block.text))));
        break;
      case "text":
        lines.push(...wrap(plainInline(block.text), maxWidth, ""));
        break;
      case "list":
        for (const item of block.items) lines.push(...wrap(item, maxWidth, "  ", "    "));
        break;
      case "table": {
        const rows = [block.headers, ...block.rows];
        const widths = block.headers.map((_, c) => Math.max(...rows.map((r) => width(r[c] ?? ""))));
        // Shave the widest column one character at a time, so long columns share the cut.
        let total = widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
        while (total > maxWidth) {
          const widest = widths.indexOf(Math.max(...widths));
          if (widths[widest]! <= 10) break;
          widths[widest]! -= 1;
          total -= 1;
        }
        const fmt = (r: readonly string[]): string =>
          r
            .map((v, c) => pad(clip(v, widths[c]!), widths[c]!, block.align[c] === "right"))
            .join("  ")
            .trimEnd();
        lines.push(fmt(block.headers));
        lines.push(widths.map((w) => "-".repeat(w)).join("  "));
        for (const r of block.rows) lines.push(fmt(r));
        break;
      }
      case "chart":
        break;
    }
  }
  return `${lines.join("\n")}\n`;
}
