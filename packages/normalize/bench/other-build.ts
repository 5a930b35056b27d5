// Another build of this package, named on the command line (`-- <path to its dist/index.js>`), for the benches
// that compare it with this source: bench:equivalence (same outputs?), bench:ab (how much faster?) and
// bench:instructions (how many instructions?).
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type * as current from "../src/index";

/** The public functions the comparisons call. */
export type Build = Pick<typeof current, "normalizeMessage" | "parseVendorFrame" | "mask" | "tokenize">;

/** The other build's path: the first command-line argument that is not an option (`--quick`), if any. */
export function otherBuildPath(): string | undefined {
  return process.argv.slice(2).find((a) => !a.startsWith("--"));
}

/** Imports the build named on the command line ({@link otherBuildPath}), or prints `usage` and exits with status 2. */
export async function loadOtherBuild(usage: string): Promise<Build> {
  const path = otherBuildPath();
  if (path === undefined) {
    console.error(`usage: ${usage} -- <path to the other build's dist/index.js>`);
    process.exit(2);
  }
  return (await import(pathToFileURL(resolve(path)).href)) as Build;
}
