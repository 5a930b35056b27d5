import { rangeError, show } from "../internal/assert";
import type { ReportModel } from "../report-model";

/** The tables {@link renderCsv} can write. */
export type CsvTable =
  | "error-groups"
  | "error-diff"
  | "deploys-per-day"
  | "deploys-per-week"
  | "deploys-per-month"
  | "developers"
  | "preview-environments"
  | "alive-previews"
  | "metric-series"
  | "suspect-deploys";

/** Options of {@link renderCsv}. */
export interface CsvOptions {
  table: CsvTable;
}

type Cell = string | number | boolean | null;

/** RFC 4180: quote fields holding a comma, quote or line break; double the quotes. */
function field(value: Cell): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function missing(section: string, table: CsvTable): never {
  throw rangeError(`renderCsv: table "${table}" needs the ${section} section, which this model does not have`);
}

function rows(model: ReportModel, table: CsvTable): Cell[][] {
  switch (table) {
    case "error-groups": {
      const eg = model.errorGroups ?? missing("errorGroups", table);
      return [
        [
          "rank",
          "count",
          "share_percent",
          "template",
          "representative",
          "top_terms",
          "scopes",
          "states",
          "first_seen",
          "last_seen",
          "labels",
        ],
        ...eg.groups.map((g) => [
          g.rank,
          g.count,
          g.sharePercent,
          g.template,
          g.representative,
          g.topTerms.join(" "),
          g.scopes.map((s) => `${s.value}:${s.count}`).join(" "),
          g.states.map((s) => `${s.value}:${s.count}`).join(" "),
          g.firstSeen,
          g.lastSeen,
          g.labels.join(" "),
        ]),
        [
          "noise",
          eg.noise.count,
          eg.noise.sharePercent,
          null,
          eg.noise.examples[0] ?? null,
          eg.noise.topTerms.join(" "),
          null,
          null,
          null,
          null,
          "-1",
        ],
      ];
    }
    case "error-diff": {
      const d = model.errorDiff ?? missing("errorDiff", table);
      return [
        [
          "status",
          "template",
          "before_share_percent",
          "after_share_percent",
          "share_delta",
          "before_count",
          "after_count",
          "similarity",
        ],
        ...d.changes.map((c) => [
          c.status,
          c.template,
          c.before?.sharePercent ?? null,
          c.after?.sharePercent ?? null,
          c.shareDelta,
          c.before?.count ?? null,
          c.after?.count ?? null,
          c.similarity,
        ]),
      ];
    }
    case "deploys-per-day": {
      const f = model.deployFrequency ?? missing("deployFrequency", table);
      return [
        ["date", "deploys", "failed", "weekend", "cumulative", "month_to_date"],
        ...f.perDay.map((d) => [d.date, d.count, d.failed, d.weekend, d.cumulative, d.monthToDate]),
      ];
    }
    case "deploys-per-week": {
      const f = model.deployFrequency ?? missing("deployFrequency", table);
      return [
        ["week_start", "days", "deploys", "deployment_days"],
        ...f.perWeek.map((w) => [w.weekStart, w.days, w.count, w.deploymentDays]),
      ];
    }
    case "deploys-per-month": {
      const f = model.deployFrequency ?? missing("deployFrequency", table);
      return [
        ["month", "days", "deploys", "deployment_days"],
        ...f.perMonth.map((m) => [m.month, m.days, m.count, m.deploymentDays]),
      ];
    }
    case "developers": {
      const f = model.deployFrequency ?? missing("deployFrequency", table);
      return [
        ["author", "deploys", "active_days", "per_day"],
        ...f.developers.map((d) => [d.author, d.deploys, d.activeDays, d.perDay]),
      ];
    }
    case "preview-environments": {
      const p = model.previewEnvironments ?? missing("previewEnvironments", table);
      return [
        [
          "repository",
          "name",
          "pull_request",
          "service",
          "created_at",
          "destroyed_at",
          "pr_closed_at",
          "pr_state",
          "lifetime_hours",
          "status",
        ],
        ...p.environments.map((e) => [
          e.repository,
          e.name,
          e.pullRequest,
          e.service,
          e.createdAt,
          e.destroyedAt,
          e.closedAt,
          e.pullRequestState,
          e.lifetimeHours,
          e.status,
        ]),
      ];
    }
    case "alive-previews": {
      const p = model.previewEnvironments ?? missing("previewEnvironments", table);
      return [["date", "alive"], ...p.alivePerDay.map((d) => [d.date, d.count])];
    }
    case "metric-series": {
      if (model.metricChanges.length === 0) missing("metricChanges", table);
      const out: Cell[][] = [["metric", "date", "value", "adjusted", "deploys", "imputed", "change_point"]];
      for (const m of model.metricChanges) {
        const starts = new Set(m.changes.map((c) => c.date));
        for (const s of m.series)
          out.push([m.metric, s.date, s.value, s.adjusted, s.deploys, s.imputed, starts.has(s.date)]);
      }
      return out;
    }
    case "suspect-deploys": {
      if (model.metricChanges.length === 0) missing("metricChanges", table);
      const out: Cell[][] = [
        [
          "metric",
          "change_date",
          "rank",
          "deployed_at",
          "hours_before",
          "service",
          "environment",
          "author",
          "commit_sha",
          "commit_message",
          "pull_request",
          "url",
        ],
      ];
      for (const m of model.metricChanges)
        for (const c of m.changes)
          for (const s of c.suspects)
            out.push([
              m.metric,
              c.date,
              s.rank,
              s.timestamp,
              s.hoursBefore,
              s.service,
              s.environment,
              s.author,
              s.commitSha,
              s.commitMessage,
              s.pullRequest,
              s.url,
            ]);
      return out;
    }
    default:
      throw rangeError(`renderCsv: unknown table ${show(table)}`);
  }
}

/**
 * Writes one table of a report as CSV (RFC 4180, comma-separated, CRLF line ends, header row first, empty
 * field for null). Every row of the model is written, unlike the capped Markdown and text tables.
 *
 * @throws RangeError for an unknown table or one whose section the model lacks.
 * @example
 * renderCsv(model, { table: "deploys-per-day" }).split("\r\n")[0]; // => "date,deploys,failed,weekend,cumulative,month_to_date"
 */
export function renderCsv(model: ReportModel, options: CsvOptions): string {
  return `${rows(model, options.table)
    .map((r) => r.map(field).join(","))
    .join("\r\n")}\r\n`;
}
