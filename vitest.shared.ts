import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type ViteUserConfig } from "vitest/config";

// Sibling packages resolve to their TypeScript source through the `@faultline/source` export condition,
// so the suite runs with no build.
const conditions = ["@faultline/source", "module", "node", "default"];

// `.ci/run` sets FAULTLINE_VITEST_JSON to a directory; each package then also writes a JSON report there,
// from which CI prints its `N passed, N failed` line.
const jsonDir = process.env.FAULTLINE_VITEST_JSON;
const reporters: NonNullable<ViteUserConfig["test"]>["reporters"] = jsonDir
  ? ["default", ["json", { outputFile: `${jsonDir}/${basename(process.cwd())}.json` }]]
  : ["default"];

export const shared: ViteUserConfig = defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ["@faultline/source"] } },
  test: {
    setupFiles: [fileURLToPath(new URL("./scripts/fail-on-console.ts", import.meta.url))],
    testTimeout: 30_000,
    reporters,
  },
});
