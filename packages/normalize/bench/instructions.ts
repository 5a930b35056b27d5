// Instructions per message, counted by valgrind: `pnpm --filter @faultline/normalize bench:instructions`
// (add `-- <other build's dist/index.js>` to count another build too; the header of ./equivalence.ts shows how
// to build a commit; add `-- --stages` for what each stage of the path costs, about twelve minutes more). CPU
// time on this shared machine moves by up to 40 % with the other core's load; an instruction count moves by
// well under 1 %, so this is the comparison to trust for changes of a few per cent, and the ratio against the
// naive chain without the machine's noise. Takes three to four minutes on a quiet machine: valgrind runs code
// ~50× slower.
//
// How: the package is built (tsup, as published) and its dist/index.js is counted, since a build and the
// source run through tsx differ by a few per cent. The counted pass is bundled to plain JavaScript first: a
// process that loads TypeScript through tsx waits on esbuild's child process for a varying number of
// instructions. Each path is counted after W and after W + E rounds over the same messages; the difference is
// E rounds of steady-state work (start-up, module loading and JIT warm-up cancel out). V8 runs
// single-threaded, with a predictable GC schedule and fixed hash and random seeds, so collection and
// compilation are counted on one thread and runs repeat: two runs of one configuration agree to ~0.5 % (~1 %
// between separate runs of the bench), but now and then one does extra work (a deoptimisation, a collection)
// worth several per cent, so each configuration is run twice and the smaller count kept.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build as tsupBuild } from "tsup";
import type * as current from "../src/index";
import { cpuSecondsPerCall, median } from "./cpu-time";
import { INSTRUCTION_STAGES } from "./instruction-stages";
import { fullPath, INSTRUCTION_ROWS } from "./instruction-workload";
import { otherBuildPath } from "./other-build";

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = resolve(here, "..");
const TARGET = 100_000;
/** Warm-up and counted rounds: this package's path is cheap per message and needs JIT warm-up; the naive chain is regex-bound. */
const ROUNDS = { build: { warm: 6, counted: 6 }, naive: { warm: 2, counted: 2 } };

const version = spawnSync("valgrind", ["--version"], { encoding: "utf8" });
if (version.error !== undefined || version.status !== 0) {
  console.error("bench:instructions needs valgrind on the PATH (Debian: apt-get install valgrind)");
  process.exit(1);
}

const tsupPackage = createRequire(import.meta.url).resolve("tsup/package.json");
const tsupBin = join(dirname(tsupPackage), JSON.parse(readFileSync(tsupPackage, "utf8")).bin.tsup as string);
const built = spawnSync(process.execPath, [tsupBin], { cwd: packageDir, encoding: "utf8" });
if (built.status !== 0) throw new Error(`tsup failed:\n${built.stdout}${built.stderr}`);
const thisBuild = join(packageDir, "dist/index.js");
// Inside the package, so the pass's imports of dependencies (zod) resolve.
const passDir = join(packageDir, "node_modules/.cache/bench-instructions");
await tsupBuild({
  entry: { pass: join(here, "instructions-pass.ts") },
  outDir: passDir,
  format: ["esm"],
  target: "node20",
  platform: "node",
  config: false,
  silent: true,
});
const passFile = join(passDir, "pass.js");

/** Instructions (valgrind's `I refs`) of one run of the pass over `rounds` rounds. */
function countOnce(which: string, rounds: number): number {
  const args = [
    "--tool=cachegrind",
    "--cache-sim=no",
    "--cachegrind-out-file=/dev/null",
    process.execPath,
    "--single-threaded",
    "--predictable-gc-schedule",
    "--hash-seed=1",
    "--random-seed=1",
    passFile,
    which,
    String(rounds),
  ];
  const run = spawnSync("valgrind", args, { cwd: packageDir, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const refs = /I\s+refs:\s+([\d,]+)/.exec(run.stderr);
  if (run.status !== 0 || refs === null) {
    throw new Error(`valgrind run of ${which} (${rounds} rounds) failed:\n${run.stderr.slice(-2000)}`);
  }
  return Number(refs[1]!.replaceAll(",", ""));
}

/** The smaller of two runs: extra work only ever adds instructions. */
const count = (which: string, rounds: number) => Math.min(countOnce(which, rounds), countOnce(which, rounds));

const ours = (await import(pathToFileURL(thisBuild).href)) as typeof current;
const messages = ours.flatten(INSTRUCTION_ROWS).events.length;
/** Steady-state instructions per message of a pass. */
function perMessage(which: string): number {
  const { warm, counted } = which === "naive" ? ROUNDS.naive : ROUNDS.build;
  return (count(which, warm + counted) - count(which, warm)) / (counted * messages);
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const other = otherBuildPath();
console.log("# @faultline/normalize: instructions per message (valgrind), issue #4 messages");
console.log(`${version.stdout.trim()}, node ${process.version}; ${fmt(messages)} messages\n`);
console.log("| path | instructions per message |");
console.log("|---|---|");
const mine = perMessage(thisBuild);
console.log(`| flatten + frame + mask + clean + tokenize (this package, built) | ${fmt(mine)} |`);
const naive = perMessage("naive");
console.log(`| naive String.prototype.replace chain | ${fmt(naive)} |`);
if (other !== undefined) {
  const theirs = perMessage(resolve(other));
  console.log(`| the same path, other build (${other}) | ${fmt(theirs)} |`);
  console.log(`other build ÷ this package: ${(theirs / mine).toFixed(3)}× the instructions`);
}
console.log(`naive chain ÷ this package: ${(naive / mine).toFixed(2)}× the instructions`);

// The machine's rate on this pass, timed natively now: what 100,000 messages/s asks of the count on this machine.
const pass = fullPath(ours);
for (let r = 0; r < ROUNDS.build.warm; r++) pass();
const rates: number[] = [];
for (let r = 0; r < 5; r++) rates.push(messages / cpuSecondsPerCall(pass, 0.5).seconds);
const perSecond = median(rates);
const rate = mine * perSecond;
const spread = `${fmt(Math.min(...rates))}–${fmt(Math.max(...rates))}`;
console.log(
  `\nthis machine, now (natively, median of five half-second rounds, which ranged ${spread}): ${fmt(perSecond)} messages per CPU-second, ${(rate / 1e9).toFixed(2)} G instructions per CPU-second on this pass;`,
);
console.log(
  `at that rate, ${fmt(TARGET)} messages/s needs at most ${fmt(rate / TARGET)} instructions per message (${((100 * rate) / TARGET / mine).toFixed(0)}% of this count).`,
);

// `--stages`: pass k runs flatten and the first k stages (./instruction-stages.ts, bundled from the source), so
// the difference between passes k and k - 1 is what stage k costs inside the full path.
if (process.argv.includes("--stages")) {
  console.log("\n| stage | instructions per message | share |");
  console.log("|---|---|---|");
  const prefix = INSTRUCTION_STAGES.map((_, k) => perMessage(`stage:${k}`));
  const all = prefix[prefix.length - 1]!;
  INSTRUCTION_STAGES.forEach((stage, k) => {
    const own = prefix[k]! - (k === 0 ? 0 : prefix[k - 1]!);
    console.log(`| ${stage} | ${fmt(own)} | ${((100 * own) / all).toFixed(0)}% |`);
  });
  console.log(`| all stages (source, bundled) | ${fmt(all)} | 100% |`);
}
