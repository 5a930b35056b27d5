import type { ReportModel } from "../report-model";
import { outline } from "./document";

/** Options of {@link renderMarkdown}. */
export interface MarkdownOptions {
  /**
   * Longest table shown (the JSON and CSV renderers always hold everything).
   * @defaultValue 25
   */
  maxRows?: number;
}

function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\s+/g, " ");
}

/**
 * Renders a report as GitHub-flavoured Markdown: headings, summary lists and tables (charts are HTML-only).
 *
 * @example
 * renderMarkdown(buildReport({ title: "Weekly" })); // => "# Weekly\n"
 */
export function renderMarkdown(model: ReportModel, options: MarkdownOptions = {}): string {
  const parts: string[] = [];
  for (const block of outline(model, options.maxRows ?? 25)) {
    switch (block.kind) {
      case "heading":
        parts.push(`${"#".repeat(block.level)} ${block.text}`);
        break;
      case "text":
        parts.push(block.text);
        break;
      case "list":
        parts.push(block.items.map((i) => `- ${i}`).join("\n"));
        break;
      case "table": {
        const head = `| ${block.headers.map(cell).join(" | ")} |`;
        const rule = `| ${block.align.map((a) => (a === "right" ? "---:" : "---")).join(" | ")} |`;
        const rows = block.rows.map((r) => `| ${r.map(cell).join(" | ")} |`);
        parts.push([head, rule, ...rows].join("\n"));
        break;
      }
      case "chart":
        break;
    }
  }
  return `${parts.join("\n\n")}\n`;
}
