import { analyzeMetricChanges, buildReport, type MetricChangesResult, parseMetricCsv } from "@faultline/report";
import { type Command, type CommandIo, choiceOption, EXIT, InputError, timeZoneOption, UsageError } from "../command";
import { readText } from "../io/open-input";
import { readDeployEvents } from "../io/read-deploy-events";
import { FORMATS, OUTPUT_OPTIONS, reportIgnored, reportRejections, writeOutputs } from "../output";

export const CHANGE_OPTIONS = {
  metric: {
    type: "string",
    value: "<file.csv>",
    description: "daily metric: columns date,value[,name][,app…], or date,<metric>,<metric>…",
  },
  deploys: { type: "string", value: "<events.ndjson>", description: "deploy events to search for suspects" },
  app: { type: "string", value: "<name>", description: "only metric rows and suspects of this app" },
  name: { type: "string", value: "<metric>", description: "metric name, when the CSV holds several" },
  "time-zone": { type: "string", value: "<iana>", description: "time zone of the CSV's dates (default UTC)" },
} as const;

/** Reads the metric and deploys and finds level changes with suspect deploys. */
export async function metricChanges(
  metricPath: string,
  deploysPath: string,
  values: Record<string, unknown>,
  io: CommandIo,
): Promise<{ result: MetricChangesResult; rejected: { reason: string }[]; ignored: { reason: string }[] }> {
  const timeZone = timeZoneOption(values) ?? "UTC";
  const app = values.app as string | undefined;
  const name = values.name as string | undefined;
  const csv = parseMetricCsv(await readText(metricPath, io), { timeZone, ...(name === undefined ? {} : { name }) });
  if (csv.points.length === 0) {
    const first = csv.rejected[0];
    throw new InputError(
      `${metricPath}: no metric rows could be read${first === undefined ? "" : ` (line ${first.line}: ${first.reason})`}`,
    );
  }
  const names = [...new Set(csv.points.map((p) => p.name))];
  if (name !== undefined && !names.includes(name))
    throw new UsageError(
      `--name ${name}: ${metricPath} holds no such metric (it holds ${names.slice(0, 6).join(", ")})`,
    );
  if (name === undefined) {
    if (names.length > 1)
      throw new UsageError(
        `${metricPath} holds ${names.length} metrics (${names.slice(0, 6).join(", ")}): choose one with --name`,
      );
  }
  if (app !== undefined) {
    // Checked here so the message names the flag: the library only knows that no point matched its filter.
    const named = name === undefined ? csv.points : csv.points.filter((p) => p.name === name);
    const apps = [...new Set(named.flatMap((p) => (p.dimensions?.app === undefined ? [] : [p.dimensions.app])))];
    if (apps.length === 0)
      throw new UsageError(
        `--app ${app}: ${metricPath} has no app column, so no metric row can be chosen by app (drop --app, or export the column)`,
      );
    if (!apps.includes(app))
      throw new UsageError(
        `--app ${app}: no row of ${metricPath} has app ${app} (its apps: ${apps.slice(0, 8).join(", ")})`,
      );
  }
  const deploys = await readDeployEvents(deploysPath, io);
  const result = analyzeMetricChanges(csv.points, deploys.events, {
    timeZone,
    ...(name === undefined ? {} : { name }),
    // --app restricts both sides, as its help says: the metric rows, and the deploys searched for suspects.
    ...(app === undefined ? {} : { dimensions: { app }, suspects: { services: [app] } }),
  });
  const rejected = [
    ...csv.rejected.map((r) => ({ reason: `${metricPath}: line ${r.line}: ${r.reason}` })),
    ...deploys.rejected.map((r) => ({ reason: `${deploysPath}: ${r.reason}` })),
  ];
  const ignored = deploys.ignored.map((r) => ({ reason: `${deploysPath}: ${r.reason}` }));
  return { result, rejected, ignored };
}

export const changesCommand: Command = {
  name: "changes",
  summary: "did a deploy break the product? metric level changes and the deploys just before them",
  usage: "faultline changes --metric <file.csv> --deploys <events.ndjson> [--app <name>] [options]",
  options: { ...CHANGE_OPTIONS, ...OUTPUT_OPTIONS },
  examples: [
    "faultline changes --metric metric.csv --deploys deploys.ndjson --app checkout",
    "faultline changes --metric metric.csv --deploys deploys.ndjson --format csv --csv suspects.csv",
  ],
  async run(ctx) {
    if (ctx.positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(ctx.positionals[0])}`);
    const metric = ctx.values.metric as string | undefined;
    const deploys = ctx.values.deploys as string | undefined;
    if (metric === undefined || deploys === undefined)
      throw new UsageError("changes needs --metric <file.csv> and --deploys <events>");
    const format = choiceOption(ctx.values, "format", FORMATS) ?? "text";
    const { result, rejected, ignored } = await metricChanges(metric, deploys, ctx.values, ctx.io);
    const model = buildReport({ title: `Metric changes: ${result.metric}`, metricChanges: [result] });
    writeOutputs(ctx, format, { model, table: "suspect-deploys" });
    reportRejections(ctx.io, ctx.values.quiet === true, "rows", rejected);
    reportIgnored(ctx.io, ctx.values.quiet === true, ignored);
    return rejected.length > 0 ? EXIT.input : EXIT.ok;
  },
};
