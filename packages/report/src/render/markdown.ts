import type { ReportModel } from "../report-model";
import { type Inline, outline } from "./document";

/** Options of {@link renderMarkdown}. */
export interface MarkdownOptions {
  /**
   * Longest table shown (the JSON and CSV renderers always hold everything).
   * @defaultValue 25
   */
  maxRows?: number;
}

/**
 * Plain text as Markdown that shows exactly that text: a backslash before every character CommonMark or GitHub would
 * read as markup. `<` and `&` matter most — `pod <pod> exit code <num>` is otherwise an HTML tag that renderers
 * hide, and `&lt;` an entity — but `*`, `_`, `` ` ``, `~`, brackets and pipes (table cells) also stop emphasis,
 * code, strike-through, links and cell breaks. Whitespace runs, newlines included, become one space, so no text can
 * start a heading or list of its own.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, " ").replace(/[\\`*_~[\]<>&|]/g, "\\$&");
}

/** A code span that holds `code` as is: fenced by one more backtick than its longest run of backticks. */
function codeSpan(code: string): string {
  const line = code.replace(/\s+/g, " ");
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = line.startsWith("`") || line.endsWith("`") ? " " : "";
  return `${fence}${pad}${line}${pad}${fence}`;
}

function inline(text: Inline): string {
  if (typeof text === "string") return escapeMarkdown(text);
  return text.map((p) => (typeof p === "string" ? escapeMarkdown(p) : codeSpan(p.code))).join("");
}

/**
 * Renders a report as GitHub-flavoured Markdown: headings, summary lists and tables (charts are HTML-only). Text
 * from the data (templates, commit messages, names) is escaped, so it shows as written and never as HTML or markup.
 *
 * @example
 * renderMarkdown(buildReport({ title: "Weekly" })); // => "# Weekly\n"
 */
export function renderMarkdown(model: ReportModel, options: MarkdownOptions = {}): string {
  const parts: string[] = [];
  for (const block of outline(model, options.maxRows ?? 25)) {
    switch (block.kind) {
      case "heading":
        parts.push(`${"#".repeat(block.level)} ${escapeMarkdown(block.text)}`);
        break;
      case "text":
        parts.push(inline(block.text));
        break;
      case "list":
        parts.push(block.items.map((i) => `- ${escapeMarkdown(i)}`).join("\n"));
        break;
      case "table": {
        const head = `| ${block.headers.map(escapeMarkdown).join(" | ")} |`;
        const rule = `| ${block.align.map((a) => (a === "right" ? "---:" : "---")).join(" | ")} |`;
        const rows = block.rows.map((r) => `| ${r.map(escapeMarkdown).join(" | ")} |`);
        parts.push([head, rule, ...rows].join("\n"));
        break;
      }
      case "chart":
        break;
    }
  }
  return `${parts.join("\n\n")}\n`;
}
