// A renderer-neutral outline of the report: headings, paragraphs, lists, tables and chart slots. Markdown, plain
// text and HTML all serialize this outline, so the three always say the same thing.
import { type DeployAccounting, deploysNotCounted } from "../deploy-frequency";
import type { ReportModel } from "../report-model";

export type Align = "left" | "right";

/**
 * A paragraph's content: plain text, or text with code spans (`{ code }`), which Markdown renders as code and the
 * other renderers between backticks. Everything else in a block is plain text, which each renderer escapes as its
 * format needs: user-derived strings (templates, commit messages, names) may hold any character.
 */
export type Inline = string | readonly (string | { code: string })[];

export type Block =
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | { kind: "text"; text: Inline }
  | { kind: "list"; items: string[] }
  | { kind: "table"; headers: string[]; align: Align[]; rows: string[][] }
  | { kind: "chart"; chart: ChartSlot };

export type ChartSlot =
  | { type: "error-shares" }
  | { type: "deploys-per-day" }
  | { type: "cumulative-deploys" }
  | { type: "alive-previews" }
  | { type: "metric"; index: number };

export function fmtNumber(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return "–";
  const r = Number(value.toFixed(digits));
  return Number.isInteger(r) ? String(r) : r.toFixed(digits).replace(/0+$/, "");
}

export function fmtPercent(value: number): string {
  return `${fmtNumber(value, 1)} %`;
}

/** One line, at most `max` characters. */
export function clip(text: string, max: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** A paragraph as plain text, code spans between backticks. */
export function plainInline(text: Inline): string {
  return typeof text === "string" ? text : text.map((p) => (typeof p === "string" ? p : `\`${p.code}\``)).join("");
}

function fmtInstant(iso: string | null): string {
  return iso === null ? "–" : iso.replace("T", " ").replace(/:\d{2}(\.\d+)?Z$/, "Z");
}

const PLACEHOLDER = /^<[^<>\s]+>$/;

/**
 * The leading words every template shares, when there are at least two templates and the shared part is
 * at least two words and leaves each template something of its own: raw log lines start with the same
 * header (`<*> <num> <time> combo …`), which would otherwise fill the clipped template column. A position
 * where every template holds some placeholder counts as shared (`<var>` and `<*>` both vary).
 */
export function sharedTemplatePrefix(templates: readonly string[]): string {
  if (templates.length < 2) return "";
  const split = templates.map((t) => t.trim().split(/\s+/));
  const shortest = Math.min(...split.map((w) => w.length));
  let k = 0;
  for (; k < shortest - 1; k++) {
    const first = split[0]![k]!;
    const same = split.every((w) => w[k] === first);
    const allVary = split.every((w) => PLACEHOLDER.test(w[k]!));
    if (!same && !allVary) break;
  }
  return k >= 2 ? split[0]!.slice(0, k).join(" ") : "";
}

/** `template` without its first `words` words, marked by a leading ellipsis. */
function withoutPrefix(template: string, words: number): string {
  return words === 0 ? template : `… ${template.trim().split(/\s+/).slice(words).join(" ")}`;
}

/**
 * The summary line of the deployment events a deploy count leaves out, with the reasons and how many each, or null
 * when every deployment event counted: {@link deploysNotCounted} worded. Environment and change events are no
 * deployments (the preview section uses them) and are not listed; any other record, an unknown event type or an
 * unreadable one, is. Rejected records are grouped by their reason without the offending value (the JSON report
 * lists each with its index).
 */
export function notCountedDeploys(accounting: DeployAccounting): string | null {
  const { excluded, rejected, total } = deploysNotCounted(accounting);
  const parts = [
    ...excluded.map((e) => ({ count: e.count, reason: e.code === "no-environment" ? "no environment" : e.reason })),
    ...rejected.map((r) => ({ count: r.count, reason: `rejected: ${r.reason}` })),
  ];
  if (parts.length === 0) return null;
  return `Not counted: ${total} event${total === 1 ? "" : "s"} (${parts.map((p) => `${p.count} ${p.reason}`).join("; ")})`;
}

const STATUS_WORD = { grew: "grew", shrank: "shrank", steady: "steady", new: "new", gone: "gone" } as const;

/** The outline of a report. `maxRows` caps long tables (the full data stays in JSON and CSV). */
export function outline(model: ReportModel, maxRows = 25): Block[] {
  const out: Block[] = [{ kind: "heading", level: 1, text: model.title }];
  if (model.generatedAt) out.push({ kind: "text", text: `Generated ${fmtInstant(model.generatedAt)}.` });

  const eg = model.errorGroups;
  if (eg) {
    out.push({ kind: "heading", level: 2, text: "Error groups" });
    out.push({
      kind: "text",
      text: `${eg.total} events in ${eg.groups.length} groups; ${eg.noise.count} unclustered (${fmtPercent(eg.noise.sharePercent)}).${eg.rejected.length > 0 ? ` ${eg.rejected.length} records rejected.` : ""}`,
    });
    out.push({ kind: "chart", chart: { type: "error-shares" } });
    const shown = eg.groups.slice(0, maxRows);
    const prefix = sharedTemplatePrefix(shown.map((g) => g.template));
    const prefixWords = prefix === "" ? 0 : prefix.split(" ").length;
    if (prefix !== "")
      out.push({
        kind: "text",
        text: ["Every template below starts with ", { code: clip(prefix, 120) }, ", shown as …"],
      });
    const rows = shown.map((g) => [
      String(g.rank),
      fmtPercent(g.sharePercent),
      String(g.count),
      clip(withoutPrefix(g.template, prefixWords), 90),
      g.topTerms.join(", "),
      g.scopes.map((s) => s.value).join(", ") || "–",
      fmtInstant(g.firstSeen),
      fmtInstant(g.lastSeen),
    ]);
    if (eg.noise.count > 0)
      rows.push([
        "–",
        fmtPercent(eg.noise.sharePercent),
        String(eg.noise.count),
        `(noise) ${clip(eg.noise.examples[0] ?? "", 80)}`,
        eg.noise.topTerms.join(", "),
        "–",
        "–",
        "–",
      ]);
    out.push({
      kind: "table",
      headers: ["#", "Share", "Events", "Template", "Top terms", "Scopes", "First seen", "Last seen"],
      align: ["right", "right", "right", "left", "left", "left", "left", "left"],
      rows,
    });
    if (eg.groups.length > maxRows)
      out.push({ kind: "text", text: `${eg.groups.length - maxRows} smaller groups not shown.` });
  }

  const diff = model.errorDiff;
  if (diff) {
    out.push({ kind: "heading", level: 2, text: "Run-to-run diff" });
    out.push({
      kind: "text",
      text: `${diff.totals.before} events before, ${diff.totals.after} after. Noise ${fmtPercent(diff.noise.before)} → ${fmtPercent(diff.noise.after)}.`,
    });
    out.push({
      kind: "table",
      headers: ["Change", "Cause", "Before", "After", "Δ points"],
      align: ["left", "left", "right", "right", "right"],
      rows: diff.changes
        .slice(0, maxRows)
        .map((c) => [
          STATUS_WORD[c.status],
          clip(c.template, 90),
          c.before ? fmtPercent(c.before.sharePercent) : "–",
          c.after ? fmtPercent(c.after.sharePercent) : "–",
          `${c.shareDelta > 0 ? "+" : ""}${fmtNumber(c.shareDelta, 1)}`,
        ]),
    });
    if (diff.changes.length > maxRows)
      out.push({ kind: "text", text: `${diff.changes.length - maxRows} smaller causes not shown.` });
  }

  const df = model.deployFrequency;
  if (df) {
    out.push({ kind: "heading", level: 2, text: "Deploy frequency" });
    const s = df.summary;
    const notCounted = notCountedDeploys(df.accounting);
    out.push({
      kind: "list",
      items: [
        `Period: ${df.from} → ${df.to} (${df.days} days, ${df.timeZone})`,
        `Deploys: ${df.total} (${fmtNumber(s.averagePerWeek, 1)} per week, ${fmtNumber(s.averagePerDay, 2)} per day on average)`,
        ...(notCounted === null ? [] : [notCounted]),
        `Busiest day: ${s.maxPerDay ? `${s.maxPerDay.date} with ${s.maxPerDay.count}` : "–"}`,
        `Weekdays vs weekends: ${fmtNumber(s.averagePerWeekday, 2)} vs ${fmtNumber(s.averagePerWeekendDay, 2)} per day`,
        `Per developer: ${fmtNumber(df.perDeveloperPerDay, 2)} deploys per day (${df.developers.length} developer${df.developers.length === 1 ? "" : "s"})`,
        `DORA deployment frequency: ${df.dora.tier ?? "–"} (${df.dora.label}; median ${df.dora.medianDeploymentDaysPerWeek} deployment days per week)`,
        `Change failure rate: ${df.changeFailureRate.rate === null ? "unknown" : fmtPercent(df.changeFailureRate.rate * 100)} (${df.changeFailureRate.failed} of ${df.changeFailureRate.attempts})`,
      ],
    });
    out.push({ kind: "chart", chart: { type: "deploys-per-day" } });
    out.push({ kind: "chart", chart: { type: "cumulative-deploys" } });
    out.push({
      kind: "table",
      headers: ["Week of", "Days", "Deploys", "Deployment days"],
      align: ["left", "right", "right", "right"],
      rows: df.perWeek.map((w) => [w.weekStart, String(w.days), String(w.count), String(w.deploymentDays)]),
    });
    // The latest months when capped: a long period is read for where it is heading.
    const months = df.perMonth.slice(Math.max(0, df.perMonth.length - maxRows));
    out.push({
      kind: "table",
      headers: ["Month", "Days", "Deploys", "Deployment days"],
      align: ["left", "right", "right", "right"],
      rows: months.map((m) => [m.month, String(m.days), String(m.count), String(m.deploymentDays)]),
    });
    if (df.perMonth.length > months.length)
      out.push({ kind: "text", text: `${df.perMonth.length - months.length} earlier months not shown.` });
  }

  const cmp = model.deployComparison;
  if (cmp) {
    out.push({ kind: "heading", level: 2, text: "Before and after" });
    out.push({
      kind: "table",
      headers: ["Period", "Days", "Deploys", "Per day", "Per week"],
      align: ["left", "right", "right", "right", "right"],
      rows: [cmp.before, cmp.after].map((p) => [
        `${p.from} → ${p.to}`,
        String(p.days),
        String(p.deploys),
        fmtNumber(p.perDay, 2),
        fmtNumber(p.perWeek, 1),
      ]),
    });
    out.push({
      kind: "text",
      text:
        cmp.multiplier === null
          ? "No deploy in the first period: no multiplier."
          : `${fmtNumber(cmp.before.perWeek, 1)}/week → ${fmtNumber(cmp.after.perWeek, 1)}/week = ×${fmtNumber(cmp.multiplier, 1)}.`,
    });
  }

  const pe = model.previewEnvironments;
  if (pe) {
    out.push({ kind: "heading", level: 2, text: "Preview environments" });
    const s = pe.summary;
    const asOf = pe.asOf === null ? "" : ` as of ${fmtInstant(pe.asOf)}`;
    const scope: string[] = [];
    if (pe.services !== null) scope.push(`Apps: ${pe.services.join(", ") || "none"}`);
    if (pe.from !== null || pe.to !== null)
      scope.push(
        `Period: ${pe.from ?? "…"} → ${pe.to ?? "…"} (${pe.timeZone}; environments alive at some moment of it)`,
      );
    if (s.total === 0) {
      // Say so plainly: with no event at all there is no "as of" instant to show (it used to read 1970-01-01).
      out.push({
        kind: "text",
        text: `No preview environments${pe.services !== null || pe.from !== null || pe.to !== null ? " matched the filters" : ""}${asOf}.`,
      });
      if (scope.length > 0) out.push({ kind: "list", items: scope });
    } else {
      out.push({
        kind: "list",
        items: [
          `Environments: ${s.total} (${s.destroyed} destroyed, ${s.alive} alive, ${s.leaked} leaked)${asOf}`,
          ...scope,
          s.medianLifetimeHours === null
            ? "Lifetime: – (none destroyed yet)"
            : `Lifetime: median ${s.medianLifetimeHours} h, p90 ${s.p90LifetimeHours ?? "–"} h, mean ${s.meanLifetimeHours ?? "–"} h`,
          `Most alive at once: ${s.maxAlive ? `${s.maxAlive.count} at ${fmtInstant(s.maxAlive.at)}` : "–"}`,
        ],
      });
      out.push({ kind: "chart", chart: { type: "alive-previews" } });
    }
    const leaked = pe.environments.filter((e) => e.status === "leaked");
    if (leaked.length > 0) {
      out.push({ kind: "heading", level: 3, text: "Leaked environments" });
      out.push({
        kind: "table",
        headers: ["Repository", "Environment", "PR", "Created", "PR closed", "Up for (h)"],
        align: ["left", "left", "right", "left", "left", "right"],
        rows: leaked
          .slice(0, maxRows)
          .map((e) => [
            e.repository,
            e.name,
            e.pullRequest === null ? "–" : String(e.pullRequest),
            fmtInstant(e.createdAt),
            fmtInstant(e.closedAt),
            e.lifetimeHours === null ? "–" : fmtNumber(e.lifetimeHours, 1),
          ]),
      });
      if (leaked.length > maxRows)
        out.push({ kind: "text", text: `${leaked.length - maxRows} more leaked environments not shown.` });
    }
  }

  model.metricChanges.forEach((mc, index) => {
    out.push({ kind: "heading", level: 2, text: `Changes in ${mc.metric}` });
    out.push({
      kind: "text",
      text:
        mc.changes.length === 0
          ? `No change detected over ${mc.series.length} days (noise σ ${fmtNumber(mc.sigma, 3)}).`
          : `${mc.changes.length} change${mc.changes.length > 1 ? "s" : ""} detected over ${mc.series.length} days (noise σ ${fmtNumber(mc.sigma, 3)}).`,
    });
    out.push({ kind: "chart", chart: { type: "metric", index } });
    for (const c of mc.changes) {
      const rel =
        c.relativeDelta === null ? "" : ` (${c.relativeDelta > 0 ? "+" : ""}${fmtNumber(c.relativeDelta * 100, 1)} %)`;
      out.push({
        kind: "heading",
        level: 3,
        text: `${c.date}: ${fmtNumber(c.before, 3)} → ${fmtNumber(c.after, 3)}${rel}, ${fmtNumber(c.magnitude, 1)} σ`,
      });
      if (c.suspects.length === 0) {
        out.push({ kind: "text", text: "No deploy in the window before this change." });
        continue;
      }
      out.push({
        kind: "table",
        headers: ["#", "Deployed", "Hours before", "Service", "Environment", "Author", "Commit"],
        align: ["right", "left", "right", "left", "left", "left", "left"],
        rows: c.suspects.map((s) => [
          String(s.rank),
          fmtInstant(s.timestamp),
          fmtNumber(s.hoursBefore, 1),
          s.service ?? "–",
          s.environment ?? "–",
          s.author ?? "–",
          clip(s.commitMessage ?? s.commitSha ?? "–", 80),
        ]),
      });
    }
  });
  return out;
}
