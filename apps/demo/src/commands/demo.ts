import { join } from "node:path";
import { buildReport, renderText } from "@faultline/report";
import { SAMPLE_DIR, SAMPLE_SWITCH_DAY } from "../bundled-sample";
import { type Command, EXIT } from "../command";
import { readText } from "../io/open-input";
import { readDeployEvents } from "../io/read-deploy-events";
import { reportRejections, writeTo } from "../output";
import { toErrorGroupsResult } from "../report-input";
import { evaluate, runComparison } from "./analyze";
import { metricChanges } from "./changes";
import { deployAnalyses } from "./deploys";

export const demoCommand: Command = {
  name: "demo",
  summary: "every story on the bundled sample data; writes report.html",
  usage: "faultline demo [--html <file>] [--sample <dir>]",
  options: {
    html: { type: "string", value: "<file>", description: "where to write the HTML report (default report.html)" },
    sample: {
      type: "string",
      value: "<dir>",
      description: "a directory laid out like the bundled sample (default: bundled)",
    },
  },
  examples: ["faultline demo", "faultline demo --html /tmp/faultline.html"],
  async run(ctx) {
    const { io } = ctx;
    const quiet = ctx.values.quiet === true;
    const dir = (ctx.values.sample as string | undefined) ?? SAMPLE_DIR;
    const file = (name: string) => join(dir, name);
    const note = (text: string) => {
      if (!quiet) io.stderr.write(`${text}\n`);
    };

    note(`faultline demo on ${dir}`);
    note("1/3 why do deployments fail? grouping last month's and this month's error reports…");
    const { before, after, diff } = await runComparison(
      file("errors.ndjson"),
      file("errors-after.ndjson"),
      {},
      { io, quiet },
    );
    const truth = JSON.parse(await readText(file("errors.truth.json"), io)) as unknown;
    const quality = evaluate(before.assignments, truth, "errors.truth.json");

    note("2/3 how often do we ship? deploys per day, week and developer; previews; before/after…");
    const deploys = await readDeployEvents(file("deploys.ndjson"), io);
    const shipping = deployAnalyses(deploys.events, { "compare-at": SAMPLE_SWITCH_DAY });

    note("3/3 did a deploy break the product? checkout conversion vs the deploys before it…");
    const changes = await metricChanges(file("metric.csv"), file("deploys.ndjson"), { app: "checkout" }, io);

    const model = buildReport({
      title: "Faultline demo: bundled sample",
      errorGroups: toErrorGroupsResult(before),
      errorDiff: diff,
      ...shipping,
      metricChanges: [changes.result],
    });
    const htmlPath = (ctx.values.html as string | undefined) ?? "report.html";
    const { renderHtml } = await import("@faultline/report");
    writeTo(io, htmlPath, renderHtml(model));
    io.stdout.write(renderText(model, { width: Math.max(80, (process.stdout.columns ?? 120) - 1) }));
    io.stdout.write(
      `\nGrouping quality against the sample's true causes: ARI ${quality.ari.toFixed(3)}, grouping accuracy ${quality.groupingAccuracy.toFixed(3)}\n`,
    );
    io.stdout.write(`HTML report written to ${htmlPath}\n`);
    const rejected = [...before.rejected, ...after.rejected, ...deploys.rejected, ...changes.rejected];
    reportRejections(io, quiet, "sample records", rejected);
    return rejected.length > 0 ? EXIT.input : EXIT.ok;
  },
};
