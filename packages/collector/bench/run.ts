// Reliability scripts for @faultline/collector. One command each (loopback only, bounded in time):
//   pnpm --filter @faultline/collector bench             # all of them, short load runs
//   pnpm --filter @faultline/collector bench:load        # 30 s per backend (--seconds N, --connections N, --backend sqlite|postgres|both)
//   pnpm --filter @faultline/collector bench:crash       # kill -9 mid-load, restart, verify
//   pnpm --filter @faultline/collector bench:duplicates  # the same delivery 10 times
//   pnpm --filter @faultline/collector bench:hostile     # bad input of every kind while serving others

import { type BackendName, flag, out, stopPostgres } from "./common";
import { runCrash } from "./crash";
import { runDuplicates } from "./duplicates";
import { runHostile } from "./hostile";
import { type LoadResult, printLoad, runLoad, runPeer } from "./load";

const what = process.argv[2] ?? "all";
const backendFlag = flag("backend", "both");
const backends: BackendName[] = backendFlag === "both" ? ["sqlite", "postgres"] : [backendFlag as BackendName];
let ok = true;

async function load(seconds: number): Promise<void> {
  const connections = Number(flag("connections", "32"));
  const results: LoadResult[] = [await runPeer(Math.min(seconds, 10), connections)];
  for (const backend of backends) {
    const result = await runLoad(backend, seconds, connections);
    if (result) results.push(result);
  }
  ok = printLoad(results, seconds, connections) && ok;
}

try {
  if (what === "load" || what === "all") await load(Number(flag("seconds", what === "all" ? "10" : "30")));
  if (what === "crash" || what === "all") {
    for (const backend of backends) ok = (await runCrash(backend, Number(flag("seconds", "10")))) && ok;
  }
  if (what === "duplicates" || what === "all") {
    for (const backend of backends) ok = (await runDuplicates(backend)) && ok;
  }
  if (what === "hostile" || what === "all") ok = (await runHostile()) && ok;
} finally {
  stopPostgres();
}
out(ok ? "\nreliability: all checks passed" : "\nreliability: SOME CHECKS FAILED");
process.exit(ok ? 0 : 1);
