import {
  adjustedRandIndex,
  analyzeErrorStream,
  buildReport,
  compareErrorStreams,
  type ErrorAnalysis,
  type ErrorRunsComparison,
  groupingAccuracy,
} from "@faultline/report";
import { type Command, choiceOption, EXIT, InputError, numberOption, timeZoneOption, UsageError } from "../command";
import { openInput, readText } from "../io/open-input";
import { FORMATS, OUTPUT_OPTIONS, reportRejections, writeOutputs } from "../output";
import { createProgress } from "../progress";
import { toErrorGroupsResult } from "../report-input";

/** The options of the error pipeline, shared by `analyze`, `diff` and `demo`. */
export const ANALYZE_OPTIONS = {
  embedding: { type: "string", value: "<tfidf|doc2vec>", description: "message vectors (default tfidf)" },
  eps: {
    type: "string",
    value: "<n>",
    description: "DBSCAN radius in cosine distance (default 0.2; long reports also 0.4, see --long-eps)",
  },
  "long-eps": {
    type: "string",
    value: "<n|off>",
    description: "second radius for long reports (default 0.4; off disables)",
  },
  "min-samples": { type: "string", value: "<n>", description: "events needed to form a group (default 5)" },
  focus: {
    type: "string",
    value: "<cause-lines|message>",
    description: "cluster the failing lines or the whole message (default cause-lines)",
  },
  "input-format": { type: "string", value: "<auto|ndjson|json|lines>", description: "input layout (default auto)" },
  "message-field": {
    type: "string",
    value: "<path>",
    description: "field holding each event's text, e.g. msg, log, jsonPayload.message (default message)",
  },
  "time-field": {
    type: "string",
    value: "<path>",
    description: "field holding each event's time, e.g. time, @timestamp (default timestamp)",
  },
  "time-zone": { type: "string", value: "<iana>", description: "time zone of daily counts (default UTC)" },
} as const;

type Values = Record<string, string | boolean | string[] | undefined>;

/** Reads the pipeline options from argv values (usage errors name the option). */
export function analyzeOptions(values: Values) {
  const embedding = choiceOption(values, "embedding", ["tfidf", "doc2vec"] as const);
  const eps = numberOption(values, "eps");
  const minSamples = numberOption(values, "min-samples");
  const longEpsRaw = values["long-eps"];
  const longEps: number | false | undefined = longEpsRaw === "off" ? false : numberOption(values, "long-eps");
  if (typeof longEps === "number" && !(longEps > 0 && longEps <= 2))
    throw new UsageError(`--long-eps must be in (0, 2] or off (got ${longEps})`);
  const focus = choiceOption(values, "focus", ["cause-lines", "message"] as const);
  const format = choiceOption(values, "input-format", ["auto", "ndjson", "json", "lines"] as const);
  const timeZone = timeZoneOption(values);
  const fields: { message?: string; timestamp?: string } = {};
  for (const [flag, key] of [
    ["message-field", "message"],
    ["time-field", "timestamp"],
  ] as const) {
    const path = values[flag];
    if (path === undefined) continue;
    if (typeof path !== "string" || path === "" || path.split(".").includes(""))
      throw new UsageError(`--${flag} must be a field name or a dotted path such as jsonPayload.message`);
    fields[key] = path;
  }
  if (eps !== undefined && !(eps > 0 && eps <= 2)) throw new UsageError(`--eps must be in (0, 2] (got ${eps})`);
  if (minSamples !== undefined && !(Number.isInteger(minSamples) && minSamples >= 1)) {
    throw new UsageError(`--min-samples must be a positive integer (got ${minSamples})`);
  }
  return {
    ...(embedding === undefined ? {} : { embedding }),
    ...(eps === undefined ? {} : { eps }),
    ...(minSamples === undefined ? {} : { minSamples }),
    ...(longEps === undefined ? {} : { longEps }),
    ...(focus === undefined ? {} : { focus }),
    ...(format === undefined ? {} : { format }),
    ...(timeZone === undefined ? {} : { groups: { timeZone } }),
    ...(Object.keys(fields).length === 0 ? {} : { fields }),
  };
}

/** Runs the error pipeline on one input with a progress bar. */
export async function runAnalysis(
  path: string,
  values: Values,
  ctx: { io: Parameters<typeof openInput>[1]; quiet: boolean; label?: string },
): Promise<ErrorAnalysis> {
  const input = openInput(path, ctx.io);
  const progress = createProgress(ctx.io, ctx.quiet);
  let stage = "";
  try {
    return await analyzeErrorStream(input.stream, {
      ...analyzeOptions(values),
      onProgress(s, done, total) {
        if (s === "read") return;
        if (s !== stage) {
          stage = s;
          progress.start(`${ctx.label ?? ""}${s === "embed" ? "embedding" : "clustering"}`, 100);
        }
        progress.update(Math.round((100 * done) / Math.max(total, 1e-9)));
      },
    });
  } finally {
    progress.stop();
  }
}

/** Clusters two inputs together and diffs them (the same cause keeps its labels in both), with a progress bar. */
export async function runComparison(
  before: string,
  after: string,
  values: Values,
  ctx: { io: Parameters<typeof openInput>[1]; quiet: boolean },
): Promise<ErrorRunsComparison> {
  const a = openInput(before, ctx.io);
  const b = openInput(after, ctx.io);
  const progress = createProgress(ctx.io, ctx.quiet);
  let stage = "";
  try {
    return await compareErrorStreams(a.stream, b.stream, {
      ...analyzeOptions(values),
      onProgress(s, done, total) {
        if (s === "read") return;
        if (s !== stage) {
          stage = s;
          progress.start(s === "embed" ? "embedding" : "clustering", 100);
        }
        progress.update(Math.round((100 * done) / Math.max(total, 1e-9)));
      },
    });
  } finally {
    progress.stop();
  }
}

/** The machine contract of `analyze --format json`. */
export function analysisContract(a: ErrorAnalysis) {
  return {
    groups: a.groups.map((g) => ({
      id: g.rank - 1,
      size: g.count,
      share: g.sharePercent,
      representative: g.representative,
      template: g.template,
    })),
    assignments: Array.from(a.assignments),
    rejected: a.rejected.map((r) => ({
      record: r.record,
      ...(r.line === undefined ? {} : { line: r.line }),
      ...(r.index === undefined ? {} : { index: r.index }),
      reason: r.reason,
    })),
  };
}

/** ARI and grouping accuracy of the assignments against one truth label per event; noise events are singletons. */
export function evaluate(assignments: Int32Array, truth: unknown, source: string) {
  if (!Array.isArray(truth)) throw new InputError(`${source}: expected a JSON array of labels, one per event`);
  if (truth.length !== assignments.length) {
    throw new InputError(
      `${source}: ${truth.length} labels for ${assignments.length} events; one label per flattened event is needed`,
    );
  }
  truth.forEach((t, i) => {
    if (typeof t !== "string" && typeof t !== "number")
      throw new InputError(`${source}: label ${i} is not a string or number`);
  });
  const labels = truth.map(String);
  const predicted = Array.from(assignments, (g, i) => (g < 0 ? `noise:${i}` : `group:${g}`));
  return {
    ari: adjustedRandIndex(labels, predicted),
    groupingAccuracy: groupingAccuracy(labels, predicted, { noiseLabel: null }),
  };
}

export const analyzeCommand: Command = {
  name: "analyze",
  summary: "group deployment error reports by cause, biggest first",
  usage: "faultline analyze <file|-> [options]",
  options: {
    ...ANALYZE_OPTIONS,
    ...OUTPUT_OPTIONS,
    eval: {
      type: "string",
      value: "<truth.json>",
      description: "compare with true labels (one per event): ARI, grouping accuracy",
    },
  },
  examples: [
    "faultline analyze errors.ndjson",
    "faultline analyze errors.ndjson --html report.html --csv groups.csv",
    "faultline analyze errors.ndjson --format json > groups.json",
    "kubectl logs deploy/api | faultline analyze - --input-format lines",
    "gcloud logging read 'severity>=ERROR' --format json | faultline analyze - --message-field textPayload",
    "faultline analyze errors.ndjson --eval errors.truth.json --eps 0.4",
  ],
  async run(ctx) {
    const [path, ...extra] = ctx.positionals;
    if (path === undefined) throw new UsageError("analyze needs an input file (or - for stdin)");
    if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
    const format = choiceOption(ctx.values, "format", FORMATS) ?? "text";
    const quiet = ctx.values.quiet === true;
    const truthPath = ctx.values.eval as string | undefined;
    const analysis = await runAnalysis(path, ctx.values, { io: ctx.io, quiet });
    let evaluation: ReturnType<typeof evaluate> | undefined;
    if (truthPath !== undefined) {
      let truth: unknown;
      try {
        truth = JSON.parse(await readText(truthPath, ctx.io));
      } catch (error) {
        if (error instanceof InputError) throw error;
        throw new InputError(`${truthPath}: not JSON (${(error as Error).message})`);
      }
      evaluation = evaluate(analysis.assignments, truth, truthPath);
    }
    const model = buildReport({
      title: `Deployment errors: ${path === "-" ? "stdin" : path}`,
      errorGroups: toErrorGroupsResult(analysis),
    });
    writeOutputs(ctx, format, {
      model,
      table: "error-groups",
      ...(format === "json" ? { json: { ...analysisContract(analysis), ...(evaluation ? { evaluation } : {}) } } : {}),
    });
    if (evaluation !== undefined && format !== "json") {
      ctx.io.stdout.write(
        `ARI ${evaluation.ari.toFixed(3)}, grouping accuracy ${evaluation.groupingAccuracy.toFixed(3)} against ${truthPath}\n`,
      );
    }
    reportRejections(ctx.io, quiet, "records", analysis.rejected);
    if (analysis.total === 0 && analysis.rejected.length === 0) {
      throw new InputError(`${path}: no error events found`);
    }
    return analysis.rejected.length > 0 || analysis.total === 0 ? EXIT.input : EXIT.ok;
  },
};
