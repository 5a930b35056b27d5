// How much faster is this source than another build? `pnpm --filter @faultline/normalize bench:ab -- <other
// build's dist/index.js>` (the header of ./equivalence.ts shows how to build a commit in a worktree). Both run in
// alternating rounds in one process, so a change of the machine's load hits both alike; on a shared machine this
// ratio is steadier than two separate bench runs. Prints µs per call (median of the rounds) and other ÷ this.
import * as current from "../src/index";
import { stripUnicodeForMasking } from "../src/normalize-message";
import { cpuSecondsPerCall, median } from "./cpu-time";
import { readDemoRows } from "./demo-sample";
import { makeRows } from "./messages";
import { type Build, loadOtherBuild } from "./other-build";

const other = await loadOtherBuild("bench:ab");
const rounds = process.argv.includes("--quick") ? 5 : 15;

const messages = current.flatten(makeRows(4000, 5, 42)).events.map((e) => e.event.message);
const demo = current.flatten(readDemoRows() ?? []).events.map((e) => e.event.message);
// Stage inputs as each stage meets them on this source's default path (a frame's ASCII body as a one-byte copy);
// both builds get the same strings.
const bodies = messages.map((m) => {
  const framed = current.parseVendorFrame(m);
  return stripUnicodeForMasking(framed?.body ?? m, framed !== undefined);
});
const lowered = messages.map((m) => current.normalizeMessage(m).text.toLowerCase());

/** A timed pass over `inputs`: returns a number that depends on every result, so no call can be skipped. */
type Pass = (build: Build) => number;
const cases: [title: string, inputs: readonly string[], pass: Pass][] = [
  ["normalizeMessage, issue #4 messages", messages, (b) => sumOf(messages, (m) => b.normalizeMessage(m).tokens.length)],
  ["normalizeMessage, apps/demo sample", demo, (b) => sumOf(demo, (m) => b.normalizeMessage(m).tokens.length)],
  ["parseVendorFrame (frame stage)", messages, (b) => sumOf(messages, (m) => b.parseVendorFrame(m)?.body.length ?? 0)],
  ["mask (masking stage)", bodies, (b) => sumOf(bodies, (t) => b.mask(t).params.length)],
  ["tokenize (tokenizer stage)", lowered, (b) => sumOf(lowered, (t) => b.tokenize(t).length)],
];

function sumOf(inputs: readonly string[], f: (input: string) => number): number {
  let total = 0;
  for (const input of inputs) total += f(input);
  return total;
}

console.log("# @faultline/normalize A/B: another build against this source, alternating rounds\n");
console.log("| pass | inputs | other build, µs per input | this source, µs per input | other ÷ this |");
console.log("|---|---|---|---|---|");
let sink = 0;
for (const [title, inputs, pass] of cases) {
  if (inputs.length === 0) continue;
  sink += pass(other) + pass(current); // warm-up: JIT and regex compilation
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const x = cpuSecondsPerCall(() => pass(other));
    const y = cpuSecondsPerCall(() => pass(current));
    sink += x.result + y.result;
    a.push((x.seconds * 1e6) / inputs.length);
    b.push((y.seconds * 1e6) / inputs.length);
  }
  const [ma, mb] = [median(a), median(b)];
  console.log(
    `| ${title} | ${inputs.length.toLocaleString("en-US")} | ${ma.toFixed(2)} | ${mb.toFixed(2)} | ${(ma / mb).toFixed(3)}× |`,
  );
}
if (sink === -1) console.log(sink); // keeps the work observable
