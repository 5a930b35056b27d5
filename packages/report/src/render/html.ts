import type { ReportModel } from "../report-model";
import { type ChartSlot, clip, fmtPercent, outline } from "./document";
import { dailyColumns, escapeXml, horizontalBars, lineChart } from "./svg";

/** Options of {@link renderHtml}. */
export interface HtmlOptions {
  /**
   * Longest table shown.
   * @defaultValue 25
   */
  maxRows?: number;
  /**
   * Bars in the error-share chart.
   * @defaultValue 15
   */
  maxBars?: number;
}

function chart(model: ReportModel, slot: ChartSlot, maxBars: number): string {
  switch (slot.type) {
    case "error-shares": {
      const eg = model.errorGroups!;
      const bars = eg.groups.slice(0, maxBars).map((g) => ({
        // Top terms read better than a template whose first tokens are often boilerplate or wildcards.
        label: `#${g.rank} ${clip(g.topTerms.slice(0, 4).join(", ") || g.template, 56)}`,
        detail: g.template,
        value: g.sharePercent,
        note: `${fmtPercent(g.sharePercent)} (${g.count})`,
      }));
      if (eg.noise.count > 0)
        bars.push({
          label: "(noise) unclustered",
          value: eg.noise.sharePercent,
          note: `${fmtPercent(eg.noise.sharePercent)} (${eg.noise.count})`,
          detail: eg.noise.examples[0] ?? "",
        });
      return horizontalBars("Error groups by share of events", bars);
    }
    case "deploys-per-day": {
      const f = model.deployFrequency!;
      return dailyColumns(
        `Deploys per day (${f.timeZone})`,
        f.perDay.map((d) => ({ date: d.date, value: d.count, weekend: d.weekend })),
        "deploys",
      );
    }
    case "cumulative-deploys": {
      const f = model.deployFrequency!;
      return lineChart(
        "Cumulative deploys",
        f.perDay.map((d) => ({ date: d.date, value: d.cumulative })),
        { fromZero: true },
      );
    }
    case "alive-previews": {
      const p = model.previewEnvironments!;
      if (p.alivePerDay.length === 0) return "";
      return lineChart(
        "Preview environments alive per day",
        p.alivePerDay.map((d) => ({ date: d.date, value: d.count })),
        { fromZero: true },
      );
    }
    case "metric": {
      const m = model.metricChanges[slot.index]!;
      const bounds = [0, ...m.changes.map((c) => c.index), m.series.length];
      const levels =
        m.changes.length === 0
          ? []
          : bounds.slice(0, -1).map((start, k) => ({
              start,
              end: bounds[k + 1]!,
              value: k === 0 ? m.changes[0]!.before : m.changes[k - 1]!.after,
            }));
      return lineChart(
        `${m.metric} per day, with deploys and detected changes`,
        m.series.map((s) => ({ date: s.date, value: s.value })),
        {
          markers: m.series.map((s) => s.deploys),
          markerLabel: "deploys",
          changes: m.changes.map((c) => ({ index: c.index, label: `change ${c.date}` })),
          levels,
        },
      );
    }
  }
}

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1000px;color:#1d2329;padding:0 16px}
h1{font-size:24px}h2{font-size:19px;margin-top:32px;border-bottom:1px solid #d8dde3;padding-bottom:4px}h3{font-size:15px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}th,td{border-bottom:1px solid #e3e6ea;padding:4px 6px;vertical-align:top}
th{background:#f5f7f9;text-align:left}td.r,th.r{text-align:right;white-space:nowrap}figure{margin:12px 0}ul{padding-left:20px}`;

/**
 * Renders a report as one self-contained HTML file: inline CSS and inline SVG charts (error groups by share,
 * deploys per day with weekends marked, cumulative deploys, preview environments alive, and each metric with deploy
 * markers and detected change points). No script, font or image is loaded from anywhere: it works offline.
 *
 * @example
 * renderHtml(buildReport({ title: "Weekly" })).startsWith("<!doctype html>"); // => true
 */
export function renderHtml(model: ReportModel, options: HtmlOptions = {}): string {
  const maxBars = options.maxBars ?? 15;
  const body: string[] = [];
  for (const block of outline(model, options.maxRows ?? 25)) {
    switch (block.kind) {
      case "heading":
        body.push(`<h${block.level}>${escapeXml(block.text)}</h${block.level}>`);
        break;
      case "text":
        body.push(
          `<p>${typeof block.text === "string" ? escapeXml(block.text) : block.text.map((p) => (typeof p === "string" ? escapeXml(p) : `<code>${escapeXml(p.code)}</code>`)).join("")}</p>`,
        );
        break;
      case "list":
        body.push(`<ul>${block.items.map((i) => `<li>${escapeXml(i)}</li>`).join("")}</ul>`);
        break;
      case "table": {
        const cls = (c: number): string => (block.align[c] === "right" ? ' class="r"' : "");
        const head = block.headers.map((h, c) => `<th${cls(c)}>${escapeXml(h)}</th>`).join("");
        const rows = block.rows
          .map((r) => `<tr>${r.map((v, c) => `<td${cls(c)}>${escapeXml(v)}</td>`).join("")}</tr>`)
          .join("\n");
        body.push(`<table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`);
        break;
      }
      case "chart": {
        const svg = chart(model, block.chart, maxBars);
        if (svg) body.push(`<figure>${svg}</figure>`);
        break;
      }
    }
  }
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(model.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.join("\n")}
</body>
</html>
`;
}
