// Grouping accuracy of `analyzeErrors` (defaults) on Loghub-2k: the Content column, one event per line, against the
// EventId labels. Reads ../shared/data/loghub-2k when present (benchmarks may; tests never do).
//   pnpm --filter @faultline/demo bench:loghub [-- <dir>] [-- --eps 0.3]
import { existsSync, readFileSync } from "node:fs";
import { type AnalyzeErrorsOptions, analyzeErrors, groupingAccuracy } from "@faultline/report";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args.splice(i, 2)[1];
};
const eps = flag("eps");
const mine = flag("mine");
const dir = args[0] ?? new URL("../../../../shared/data/loghub-2k", import.meta.url).pathname;
if (!existsSync(dir)) {
  console.log(`loghub-2k not found at ${dir}`);
  process.exit(0);
}
const options: AnalyzeErrorsOptions = {
  ...(eps === undefined ? {} : { eps: Number(eps) }),
  ...(mine === undefined ? {} : { mineTemplates: mine === "true" }),
};

/** RFC 4180 CSV (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === "," || c === "\n") {
      row.push(field);
      field = "";
      if (c === "\n") {
        rows.push(row);
        row = [];
      }
    } else if (c !== "\r") field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const systems = ["BGL", "HDFS", "HealthApp", "Linux", "OpenStack", "Proxifier", "Spark", "Thunderbird"].filter((s) =>
  existsSync(`${dir}/${s}/${s}_2k.log_structured_corrected.csv`),
);
console.log(`## Loghub-2k grouping accuracy of analyzeErrors (${JSON.stringify(options)})`);
console.log("system       GA     groups  true events");
let sum = 0;
for (const system of systems) {
  const [header, ...body] = parseCsv(
    readFileSync(`${dir}/${system}/${system}_2k.log_structured_corrected.csv`, "utf8"),
  );
  const rows = body.filter((r) => r.length === header!.length);
  const content = header!.indexOf("Content");
  const event = header!.indexOf("EventId");
  const analysis = await analyzeErrors(
    rows.map((r) => r[content]!),
    options,
  );
  const predicted = Array.from(analysis.assignments, (g, i) => (g < 0 ? `noise:${i}` : `group:${g}`));
  const truth = rows.map((r) => r[event]!);
  const ga = groupingAccuracy(truth, predicted, { noiseLabel: null });
  sum += ga;
  console.log(
    `${system.padEnd(12)} ${ga.toFixed(3)}  ${String(analysis.groups.length).padStart(6)}  ${String(new Set(truth).size).padStart(11)}`,
  );
}
console.log(`${"mean".padEnd(12)} ${(sum / systems.length).toFixed(3)}`);
