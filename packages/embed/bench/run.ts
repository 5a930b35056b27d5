// `pnpm --filter @faultline/embed bench [-- --only throughput|quality] [--quick]`
// Reads ../shared when present (Loghub-2k) and says so when it or gensim is missing.
import { parseArgs } from "node:util";
import { qualityBench } from "./quality";
import { throughputBench } from "./throughput";

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    quick: { type: "boolean", default: false },
    epochs: { type: "string" },
  },
});

const quick = values.quick;
console.log(`# @faultline/embed bench (${new Date().toISOString()}, node ${process.version}${quick ? ", quick" : ""})`);
console.log("Timings are noisy on a shared 2-core machine: compare the ratios measured in the same run.");
if (values.only !== "quality") await throughputBench({ epochs: quick ? 5 : 20, repeat: quick ? 1 : 2 });
if (values.only !== "throughput")
  await qualityBench({
    // 1000 epochs is the original pipeline's gensim configuration.
    epochs: Number(values.epochs ?? (quick ? 100 : 1000)),
    events: 600,
    seeds: quick ? [1] : [1, 2, 3],
  });
