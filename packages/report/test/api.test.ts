import { expect, it } from "vitest";

it("exports exactly the documented API", async () => {
  expect(Object.keys(await import("../src/index")).sort()).toMatchInlineSnapshot(`
    [
      "NoDeploymentsError",
      "ReportModelSchema",
      "adjustedRandIndex",
      "analyzeDeployFrequency",
      "analyzeErrorStream",
      "analyzeErrors",
      "analyzeMetricChanges",
      "analyzePreviewEnvironments",
      "buildDailySeries",
      "buildErrorGroups",
      "buildReport",
      "causeLines",
      "changePointF1",
      "compareDeployFrequency",
      "compareErrorRuns",
      "compareErrorStreams",
      "deploysNotCounted",
      "detectChangePoints",
      "diffErrorGroups",
      "findSuspectDeploys",
      "generateLabelledSeries",
      "groupingAccuracy",
      "parseMetricCsv",
      "renderCsv",
      "renderHtml",
      "renderJson",
      "renderMarkdown",
      "renderText",
      "reportJsonSchema",
    ]
  `);
});
