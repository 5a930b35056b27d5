// The pass bench/instructions.ts counts under valgrind: `instructions-pass.ts <naive|stage:<k>|path to a
// build's dist/index.js> <rounds>`. It runs the full path (flatten + normalizeMessage, the naive chain, or
// flatten + the first k stages of ./instruction-stages.ts) over the issue #4 messages `rounds` times. Kept
// apart from the counting script, so the process valgrind watches does nothing else.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type * as current from "../src/index";
import { fullPath, INSTRUCTION_ROWS } from "./instruction-workload";

const [which = "naive", roundsArg = "1"] = process.argv.slice(2);
const rounds = Number(roundsArg);

/** One pass over the messages; only the module counted is loaded (the naive chain imports this package's source for its rules). */
async function passOf(path: string): Promise<() => number> {
  if (path === "naive") {
    const { naiveFlatten, naiveNormalize } = await import("./naive");
    return () => {
      let n = 0;
      for (const m of naiveFlatten(INSTRUCTION_ROWS)) n += naiveNormalize(m).tokens.length;
      return n;
    };
  }
  if (path.startsWith("stage:")) {
    const { stagePrefix } = await import("./instruction-stages");
    return stagePrefix(Number(path.slice("stage:".length)));
  }
  return fullPath((await import(pathToFileURL(resolve(path)).href)) as typeof current);
}

const pass = await passOf(which);
let sink = 0;
for (let r = 0; r < rounds; r++) sink += pass();
console.log(sink); // keeps the work observable
