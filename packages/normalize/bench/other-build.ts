// Another build of this package, named on the command line (`-- <path to its dist/index.js>`), for the benches
// that compare it with this source: bench:equivalence (same outputs?) and bench:ab (how much faster?).
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type * as current from "../src/index";

/** The public functions the comparisons call. */
export type Build = Pick<typeof current, "normalizeMessage" | "parseVendorFrame" | "mask" | "tokenize">;

/**
 * Imports the build named by the first argument that is not an option (`--quick`), or prints `usage` and exits
 * with status 2 when none is given.
 */
export async function loadOtherBuild(usage: string): Promise<Build> {
  const path = process.argv.slice(2).find((a) => !a.startsWith("--"));
  if (path === undefined) {
    console.error(`usage: ${usage} -- <path to the other build's dist/index.js>`);
    process.exit(2);
  }
  return (await import(pathToFileURL(resolve(path)).href)) as Build;
}
