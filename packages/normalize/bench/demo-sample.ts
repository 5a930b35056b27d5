// The demo app's bundled sample (apps/demo/sample): real-looking batched error rows, read by several benches.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, two levels above this package. */
export const repo: string = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** The sample's NDJSON rows, parsed; undefined when the demo app is not beside this package. */
export function readDemoRows(): unknown[] | undefined {
  const file = join(repo, "apps/demo/sample/errors.ndjson");
  if (!existsSync(file)) return undefined;
  return readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as unknown);
}
