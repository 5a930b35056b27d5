import { generateDeployEvents, generateMetric } from "./deploy-events";
import { ERROR_CAUSES } from "./error-causes";
import { generateErrorRows } from "./error-reports";

/** The bundled sample, file name → content. Deterministic: a test regenerates it and compares byte for byte. */
export function sampleFiles(): Map<string, string> {
  const files = new Map<string, string>();

  const errors = (name: string, options: Parameters<typeof generateErrorRows>[0]): void => {
    const rows: string[] = [];
    const labels: string[] = [];
    for (const { row, labels: rowLabels } of generateErrorRows(options)) {
      rows.push(JSON.stringify(row));
      labels.push(...rowLabels);
    }
    files.set(`${name}.ndjson`, `${rows.join("\n")}\n`);
    files.set(`${name}.truth.json`, `${JSON.stringify(labels)}\n`);
  };

  // Last month's error table, then this month's after the top three causes were worked on.
  errors("errors", { seed: 20260928, events: 1000, start: new Date("2026-09-28T00:00:00Z"), days: 28 });
  errors("errors-after", {
    seed: 20261026,
    events: 700,
    start: new Date("2026-10-26T00:00:00Z"),
    days: 28,
    weights: {
      "buildpack-builder-not-detected": 4,
      "liveness-probe-wrong-port": 4.5,
      "procfile-several-processes": 0.8,
    },
  });

  const start = new Date("2026-10-26T00:00:00Z"); // a Monday; the month ends on 2026-11-24
  const deploys = generateDeployEvents({ seed: 20261124, start, days: 30, switchDay: 14 });
  files.set("deploys.ndjson", `${deploys.map((e) => JSON.stringify(e)).join("\n")}\n`);

  const metric = generateMetric({ seed: 7, start, days: 30 });
  files.set(
    "metric.csv",
    `date,name,value,app\n${metric.map((m) => `${m.date},${m.name},${m.value},${m.app}`).join("\n")}\n`,
  );

  files.set(
    "causes.json",
    `${JSON.stringify(
      ERROR_CAUSES.map((c) => ({ id: c.id, title: c.title, share: c.share })),
      null,
      2,
    )}\n`,
  );
  return files;
}
