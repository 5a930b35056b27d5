import {
  analyzeDeployFrequency,
  analyzePreviewEnvironments,
  buildReport,
  compareDeployFrequency,
  type DeployComparison,
} from "@faultline/report";
import { type Command, choiceOption, EXIT, UsageError } from "../command";
import { readDeployEvents } from "../io/read-deploy-events";
import { FORMATS, OUTPUT_OPTIONS, reportIgnored, reportRejections, writeOutputs } from "../output";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const DEPLOY_OPTIONS = {
  from: { type: "string", value: "<yyyy-mm-dd>", description: "first day counted (default: first event)" },
  to: { type: "string", value: "<yyyy-mm-dd>", description: "last day counted (default: last event)" },
  app: { type: "string", value: "<name>", description: "only this service (repeatable)", multiple: true },
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
  if (typeof v !== "string" || !DAY.test(v))
    throw new UsageError(`--${name} expects a date YYYY-MM-DD (got ${JSON.stringify(v)})`);
  return v;
}

/** Deploy frequency, previews and the optional before/after comparison, from parsed argv values. */
export function deployAnalyses(events: readonly unknown[], values: Record<string, unknown>) {
  const from = day(values, "from");
  const to = day(values, "to");
  const compareAt = day(values, "compare-at");
  const apps = values.app as string[] | undefined;
  const timeZone = (values["time-zone"] as string | undefined) ?? "UTC";
  const filter = { timeZone, ...(apps === undefined ? {} : { services: apps }) };
  const deployFrequency = analyzeDeployFrequency(events, {
    ...filter,
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  });
  const previewEnvironments = analyzePreviewEnvironments(events, { timeZone });
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

export const deploysCommand: Command = {
  name: "deploys",
  summary: "how often you ship: deploys per day, week and developer, previews, before/after",
  usage: "faultline deploys <events.ndjson|-> [options]",
  options: { ...DEPLOY_OPTIONS, ...OUTPUT_OPTIONS },
  examples: [
    "faultline deploys deploys.ndjson",
    "faultline deploys deploys.ndjson --compare-at 2026-11-09 --html deploys.html",
    "curl -s localhost:8787/api/deployments | faultline deploys -",
    "faultline deploys deploys.ndjson --format csv > per-day.csv",
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
    const model = buildReport({ title: `Deploys: ${path === "-" ? "stdin" : path}`, ...analyses });
    writeOutputs(ctx, format, { model, table: "deploys-per-day" });
    return rejected.length > 0 ? EXIT.input : EXIT.ok;
  },
};
