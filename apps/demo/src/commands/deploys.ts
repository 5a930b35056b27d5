import {
  analyzeDeployFrequency,
  analyzePreviewEnvironments,
  buildReport,
  compareDeployFrequency,
  type DeployComparison,
  type DeployFrequencyResult,
  deploysNotCounted,
  type ExcludedCount,
  NoDeploymentsError,
  type RejectedItem,
} from "@faultline/report";
import type { EnvironmentKind } from "@faultline/schemas";
import { type Command, type CommandIo, choiceOption, EXIT, InputError, timeZoneOption, UsageError } from "../command";
import { readDeployEvents } from "../io/read-deploy-events";
import { FORMATS, OUTPUT_OPTIONS, reportIgnored, reportRejections, writeOutputs } from "../output";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ENVIRONMENTS = ["production", "staging", "preview", "other", "all"] as const;

export const DEPLOY_OPTIONS = {
  from: { type: "string", value: "<yyyy-mm-dd>", description: "first day counted (default: first event)" },
  to: { type: "string", value: "<yyyy-mm-dd>", description: "last day counted (default: last event)" },
  app: { type: "string", value: "<name>", description: "only this service (repeatable)", multiple: true },
  environment: {
    type: "string",
    value: "<kind>",
    description: "environment kind counted: production (default), staging, preview, other, or all (repeatable)",
    multiple: true,
  },
  "compare-at": {
    type: "string",
    value: "<yyyy-mm-dd>",
    description: "compare deploys per week before and from this day",
  },
  "time-zone": { type: "string", value: "<iana>", description: "time zone of calendar days (default UTC)" },
} as const;

function day(values: Record<string, unknown>, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  // The shape and the calendar: 2026-02-30 has the shape of a day but is none.
  if (typeof v !== "string" || !DAY.test(v) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v)
    throw new UsageError(`--${name} expects a calendar date YYYY-MM-DD (got ${JSON.stringify(v)})`);
  return v;
}

/** `--environment` values as the library's `environmentKinds`: null for `all`, production when absent. */
function environmentKinds(values: Record<string, unknown>): EnvironmentKind[] | null {
  const raw = (values.environment as string[] | undefined) ?? ["production"];
  for (const kind of raw)
    if (!(ENVIRONMENTS as readonly string[]).includes(kind))
      throw new UsageError(`--environment must be one of ${ENVIRONMENTS.join(", ")} (got ${JSON.stringify(kind)})`);
  return raw.includes("all") ? null : [...new Set(raw as EnvironmentKind[])];
}

/**
 * The deployment events the analysis left out, in the CLI's words (flags, not option names): the other
 * environments, the other apps, duplicates, cancelled runs… The records are those {@link deploysNotCounted} lists,
 * as the report's "Not counted" line: environment and change events (which feed the preview section) are not
 * listed, records of an unknown type are.
 */
export function describeExclusions(
  accounting: { excluded: readonly ExcludedCount[]; rejected?: readonly RejectedItem[] },
  values: Record<string, unknown>,
): string[] {
  const apps = (values.app as string[] | undefined) ?? [];
  const out: string[] = [];
  let otherEnvironments = 0;
  const notCounted = deploysNotCounted(accounting);
  for (const { code, detail, reason, count } of notCounted.excluded) {
    if (code === "environment-kind") {
      out.push(`${count} to ${detail}`);
      otherEnvironments += count;
    } else if (code === "no-environment") {
      out.push(`${count} with no environment`);
      otherEnvironments += count;
    } else if (code === "service") out.push(`${count} of apps other than --app ${apps.join(", ")}`);
    else if (code === "duplicate") out.push(`${count} duplicate${count === 1 ? "" : "s"} (same id and source)`);
    else if (code === "outside-period") out.push(`${count} outside --from/--to`);
    else out.push(`${count} ${reason}`);
  }
  for (const { reason, count } of notCounted.rejected) out.push(`${count} rejected: ${reason}`);
  if (otherEnvironments > 0) {
    const chosen = values.environment as string[] | undefined;
    out.push(
      chosen === undefined
        ? "only production deploys count: choose with --environment <kind> (repeatable) or --environment all"
        : `counted: --environment ${chosen.join(", ")}`,
    );
  }
  return out;
}

/** Deploy frequency, previews and the optional before/after comparison, from parsed argv values. */
export function deployAnalyses(events: readonly unknown[], values: Record<string, unknown>) {
  const from = day(values, "from");
  const to = day(values, "to");
  if (from !== undefined && to !== undefined && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const compareAt = day(values, "compare-at");
  const apps = values.app as string[] | undefined;
  const timeZone = timeZoneOption(values) ?? "UTC";
  const filter = {
    timeZone,
    environmentKinds: environmentKinds(values),
    ...(apps === undefined ? {} : { services: apps }),
  };
  let deployFrequency: DeployFrequencyResult;
  try {
    deployFrequency = analyzeDeployFrequency(events, {
      ...filter,
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
    });
  } catch (error) {
    if (error instanceof NoDeploymentsError) throw nothingToCount(error, events, values);
    throw error;
  }
  // The same apps and period as the deploy counts: the analysis keeps the previews alive at some moment of it.
  const previewEnvironments = analyzePreviewEnvironments(events, {
    timeZone,
    ...(apps === undefined ? {} : { services: apps }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  });
  let deployComparison: DeployComparison | null = null;
  if (compareAt !== undefined) {
    const first = from ?? deployFrequency.from;
    const last = to ?? deployFrequency.to;
    if (!(first < compareAt && compareAt <= last)) {
      throw new UsageError(
        `--compare-at ${compareAt} must fall after the first and on or before the last day of the events`,
      );
    }
    const dayBefore = new Date(Date.parse(`${compareAt}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    deployComparison = compareDeployFrequency(events, {
      ...filter,
      before: { from: first, to: dayBefore },
      after: { from: compareAt, to: last },
    });
  }
  return { deployFrequency, previewEnvironments, deployComparison };
}

/** Why there is nothing to count, worded with the flags that would change it. */
function nothingToCount(error: NoDeploymentsError, events: readonly unknown[], values: Record<string, unknown>) {
  const apps = values.app as string[] | undefined;
  if (apps !== undefined) {
    const deployed = new Set<string>();
    for (const e of events) {
      const d = e as { type?: unknown; service?: unknown };
      if (d.type === "deployment" && typeof d.service === "string") deployed.add(d.service);
    }
    if (!apps.some((a) => deployed.has(a)))
      return new UsageError(
        `--app ${apps.join(", ")}: no deploy of ${apps.length === 1 ? "that app" : "those apps"} in the events (apps deployed: ${[...deployed].sort().join(", ") || "none"})`,
      );
  }
  const why = describeExclusions(error, values);
  if (events.length === 0) return new InputError("no deploy to count: the input holds no event");
  const read = `${events.length} event${events.length === 1 ? "" : "s"} read`;
  return new InputError(
    why.length > 0
      ? `no deploy to count (${read}); deployments left out: ${why.join("; ")}`
      : `no deploy to count (${read}, none of them a deployment)`,
  );
}

/** Lists on stderr the deployments the counts leave out, and why, so "Deploys: 1" never hides two more. */
function reportExcluded(io: CommandIo, quiet: boolean, result: DeployFrequencyResult, values: Record<string, unknown>) {
  const lines = describeExclusions(result.accounting, values);
  if (quiet || lines.length === 0) return;
  const n = deploysNotCounted(result.accounting).total;
  io.stderr.write(`faultline: ${n} deployment event${n === 1 ? "" : "s"} not counted:\n`);
  for (const line of lines) io.stderr.write(`  ${line}\n`);
}

export const deploysCommand: Command = {
  name: "deploys",
  summary: "how often you ship: deploys per day, week and developer, previews, before/after",
  usage: "faultline deploys <events.ndjson|-> [options]",
  options: { ...DEPLOY_OPTIONS, ...OUTPUT_OPTIONS },
  examples: [
    "faultline deploys deploys.ndjson",
    "faultline deploys deploys.ndjson --compare-at 2026-11-09 --html deploys.html",
    'curl -s -H "authorization: Bearer $FAULTLINE_QUERY_TOKEN" localhost:8787/api/deployments | faultline deploys -',
    "   (from `faultline serve` started with FAULTLINE_QUERY_TOKEN set: the query API is off without it)",
    "faultline deploys deploys.ndjson --format csv > per-day.csv",
    "faultline deploys deploys.ndjson --app checkout --environment staging --from 2026-11-01 --to 2026-11-30",
    "faultline deploys saved-webhook-bodies.ndjson   (raw GitHub, GitLab, … payloads work too)",
  ],
  async run(ctx) {
    const [path, ...extra] = ctx.positionals;
    if (path === undefined) throw new UsageError("deploys needs an events file (or - for stdin)");
    if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
    const format = choiceOption(ctx.values, "format", FORMATS) ?? "text";
    const { events, rejected, ignored } = await readDeployEvents(path, ctx.io);
    // Listed first: when nothing usable is left, the analysis fails and these say why.
    reportRejections(ctx.io, ctx.values.quiet === true, "records", rejected);
    reportIgnored(ctx.io, ctx.values.quiet === true, ignored);
    const analyses = deployAnalyses(events, ctx.values);
    reportExcluded(ctx.io, ctx.values.quiet === true, analyses.deployFrequency, ctx.values);
    const model = buildReport({ title: `Deploys: ${path === "-" ? "stdin" : path}`, ...analyses });
    writeOutputs(ctx, format, { model, table: "deploys-per-day" });
    return rejected.length > 0 ? EXIT.input : EXIT.ok;
  },
};
