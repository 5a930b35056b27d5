// Output equivalence of two builds: `pnpm --filter @faultline/normalize bench:equivalence -- <old dist/index.js>`.
// Speed work must not change what normalizeMessage and tokenize return; this runs ~84,500 inputs (bench
// messages of three seeds, the demo sample, Loghub-2k lines when ../shared is present, and seeded fuzz
// strings built from frame headers, placeholders, emoji, NFKC forms and stop words) through the given
// build and through this source, and exits 1 on the first differences.
//
// An old build to compare with, from a commit:
//   git worktree add /tmp/faultline-old <commit> && cd /tmp/faultline-old && pnpm install && pnpm --filter @faultline/normalize build
//   pnpm --filter @faultline/normalize bench:equivalence -- /tmp/faultline-old/packages/normalize/dist/index.js
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import * as current from "../src/index";
import { readDemoRows, repo } from "./demo-sample";
import { makeRows, mulberry32 } from "./messages";
import { loadOtherBuild } from "./other-build";

const shared = process.env.FAULTLINE_SHARED ?? resolve(repo, "../shared");
const other = await loadOtherBuild("bench:equivalence");

const inputs: string[] = [];
for (const seed of [1, 42, 7])
  for (const row of makeRows(300, 5, seed) as { events: { message: string }[] }[])
    for (const e of row.events) inputs.push(e.message);
for (const row of (readDemoRows() ?? []) as { events?: { message?: unknown }[] }[])
  for (const e of row.events ?? []) if (typeof e.message === "string") inputs.push(e.message);
const loghub = resolve(shared, "data/loghub-2k");
if (existsSync(loghub))
  for (const system of readdirSync(loghub)) {
    const file = resolve(loghub, system, `${system}_2k.log`);
    if (existsSync(file)) inputs.push(...readFileSync(file, "utf8").split("\n").slice(0, 2000));
  }
else console.log(`${loghub} not found: Loghub lines skipped`);
// Fuzz: strings spliced from fragments that exercise every stage.
const random = mulberry32(12345);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const fragments = [
  ..."aZ09 \n\t-_.:/\\@<>'\"(),x",
  "<NUM>",
  "<ID>",
  "é",
  "Ü",
  "😀",
  "\u200d",
  "\ufe0f",
  "１",
  "0x",
  "sha256:",
  "the",
  "THE",
  "The",
  " and ",
  "ß",
  "İ",
  "\u0000",
  "10.0.0.1",
  "::1",
  "api",
  "MESSAGE FOR THE USER",
  "Error message:",
  "Hint:",
  "-----",
  "Scope: Application 'api' with id 'zabc12345'",
];
for (let k = 0; k < 60_000; k++) {
  let text = "";
  for (let j = 1 + Math.floor(random() * 30); j > 0; j--) text += pick(fragments);
  inputs.push(text);
}
for (const base of inputs.slice(0, 3000)) {
  const at = Math.floor(random() * base.length);
  inputs.push(base.slice(at) + pick(fragments) + base.slice(0, at));
}

let differences = 0;
const report = (what: string, input: string, a: string, b: string) => {
  if (differences++ >= 5) return;
  let at = 0; // show the outputs around their first difference
  while (at < a.length && a[at] === b[at]) at++;
  const around = (text: string) => `…${text.slice(Math.max(0, at - 80), at + 120)}…`;
  console.log(`${what} differs for ${JSON.stringify(input).slice(0, 200)}\n  other ${around(a)}\n  this  ${around(b)}`);
};
for (const input of inputs) {
  const a = JSON.stringify(other.normalizeMessage(input));
  const b = JSON.stringify(current.normalizeMessage(input));
  if (a !== b) report("normalizeMessage", input, a, b);
  const ta = JSON.stringify(other.tokenize(input));
  const tb = JSON.stringify(current.tokenize(input));
  if (ta !== tb) report("tokenize", input, ta, tb);
}
console.log(`${inputs.length.toLocaleString("en-US")} inputs, ${differences} differences`);
process.exit(differences === 0 ? 0 : 1);
