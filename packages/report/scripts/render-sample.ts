// Renders the bundled sample into every format under .tmp/ (gitignored), to look at the output by eye.
// Run: pnpm --filter @faultline/report sample
import { mkdirSync, writeFileSync } from "node:fs";
import {
  analyzeDeployFrequency,
  analyzeMetricChanges,
  analyzePreviewEnvironments,
  buildErrorGroups,
  buildReport,
  compareDeployFrequency,
  diffErrorGroups,
  renderCsv,
  renderHtml,
  renderJson,
  renderMarkdown,
  renderText,
} from "../src/index";
import { labelsOf, loadDeploys, loadErrors, loadMetric } from "./sample-data";

export function sampleReport(): ReturnType<typeof buildReport> {
  const before = loadErrors("errors");
  const after = loadErrors("errors-after");
  // The true causes stand in for cluster labels; one-off causes are noise.
  const asLabels = (truth: string[]): Int32Array => {
    const labels = labelsOf(truth);
    truth.forEach((t, i) => {
      if (t.startsWith("one-off")) labels[i] = -1;
    });
    return labels;
  };
  const groups = buildErrorGroups(before.items, asLabels(before.truth));
  const groupsAfter = buildErrorGroups(after.items, asLabels(after.truth));
  const deploys = loadDeploys();
  return buildReport({
    title: "Faultline sample report",
    generatedAt: "2026-11-25T08:00:00Z",
    errorGroups: groupsAfter,
    errorDiff: diffErrorGroups(groups, groupsAfter),
    deployFrequency: analyzeDeployFrequency(deploys),
    deployComparison: compareDeployFrequency(deploys, {
      before: { from: "2026-10-26", to: "2026-11-08" },
      after: { from: "2026-11-09", to: "2026-11-24" },
    }),
    previewEnvironments: analyzePreviewEnvironments(deploys),
    metricChanges: [analyzeMetricChanges(loadMetric(), deploys, { dimensions: { app: "checkout" } })],
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = new URL("../.tmp/", import.meta.url);
  mkdirSync(out, { recursive: true });
  const model = sampleReport();
  writeFileSync(new URL("report.json", out), renderJson(model));
  writeFileSync(new URL("report.md", out), renderMarkdown(model));
  writeFileSync(new URL("report.txt", out), renderText(model));
  writeFileSync(new URL("report.html", out), renderHtml(model));
  writeFileSync(new URL("deploys-per-day.csv", out), renderCsv(model, { table: "deploys-per-day" }));
  console.log(`wrote ${out.pathname}`);
}
