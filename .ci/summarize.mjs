// Sums vitest JSON reports (one per package) into CI's closing line `N passed, N failed`.
// A package whose run crashed before writing a report, or a non-zero exit with no failed test,
// still counts as a failure: CI must never read a broken run as green.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [dir, statusArg] = process.argv.slice(2);
const status = Number(statusArg ?? 0);
let passed = 0;
let failed = 0;
let skipped = 0;
const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
for (const file of files) {
  const report = JSON.parse(readFileSync(join(dir, file), "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  for (const suite of report.testResults ?? []) {
    // A test file that fails to load has no assertions but a failed status.
    if (suite.status === "failed" && suite.assertionResults.length === 0) failed += 1;
  }
}
if (status !== 0 && failed === 0) failed = 1;
console.log(`${files.length} package reports; ${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(status === 0 && failed === 0 ? 0 : 1);
