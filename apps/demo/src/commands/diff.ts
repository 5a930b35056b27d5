import { buildReport } from "@faultline/report";
import { type Command, choiceOption, EXIT, UsageError } from "../command";
import { FORMATS, OUTPUT_OPTIONS, reportRejections, writeOutputs } from "../output";
import { ANALYZE_OPTIONS, runComparison } from "./analyze";

export const diffCommand: Command = {
  name: "diff",
  summary: "what improved: error groups of two periods matched, with their change in share",
  usage: "faultline diff <before> <after> [options]",
  options: { ...ANALYZE_OPTIONS, ...OUTPUT_OPTIONS },
  examples: [
    "faultline diff errors-october.ndjson errors-november.ndjson",
    "faultline diff before.ndjson after.ndjson --html diff.html --format json > diff.json",
  ],
  async run(ctx) {
    const [before, after, ...extra] = ctx.positionals;
    if (before === undefined || after === undefined) throw new UsageError("diff needs two inputs: <before> <after>");
    if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
    const format = choiceOption(ctx.values, "format", FORMATS) ?? "text";
    const quiet = ctx.values.quiet === true;
    // Both periods are clustered together, so a cause is the same group on both sides of the diff.
    const {
      before: a,
      after: b,
      diff: errorDiff,
    } = await runComparison(before, after, ctx.values, { io: ctx.io, quiet });
    const model = buildReport({ title: `Error groups: ${before} → ${after}`, errorDiff });
    writeOutputs(ctx, format, { model, table: "error-diff" });
    reportRejections(ctx.io, quiet, `records of ${before}`, a.rejected);
    reportRejections(ctx.io, quiet, `records of ${after}`, b.rejected);
    return a.rejected.length + b.rejected.length > 0 ? EXIT.input : EXIT.ok;
  },
};
