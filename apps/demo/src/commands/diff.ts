import { buildReport, diffErrorGroups } from "@faultline/report";
import { type Command, choiceOption, EXIT, UsageError } from "../command";
import { FORMATS, OUTPUT_OPTIONS, reportRejections, writeOutputs } from "../output";
import { toErrorGroupsResult } from "../report-input";
import { ANALYZE_OPTIONS, runAnalysis } from "./analyze";

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
    const a = await runAnalysis(before, ctx.values, { io: ctx.io, quiet, label: "before: " });
    const b = await runAnalysis(after, ctx.values, { io: ctx.io, quiet, label: "after: " });
    const errorDiff = diffErrorGroups(toErrorGroupsResult(a), toErrorGroupsResult(b));
    const model = buildReport({ title: `Error groups: ${before} → ${after}`, errorDiff });
    writeOutputs(ctx, format, { model, table: "error-diff" });
    reportRejections(ctx.io, quiet, `records of ${before}`, a.rejected);
    reportRejections(ctx.io, quiet, `records of ${after}`, b.rejected);
    return a.rejected.length + b.rejected.length > 0 ? EXIT.input : EXIT.ok;
  },
};
