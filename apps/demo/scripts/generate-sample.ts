// Regenerates apps/demo/sample/ from the seeded generators: `pnpm --filter @faultline/demo sample`.
import { mkdirSync, writeFileSync } from "node:fs";
import { sampleFiles } from "../src/sample/sample-files";

const dir = new URL("../sample/", import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [name, content] of sampleFiles()) {
  writeFileSync(new URL(name, dir), content);
  console.log(`${name}: ${(content.length / 1024).toFixed(0)} KiB`);
}
