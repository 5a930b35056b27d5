import { defineProject, mergeConfig, type ViteUserConfig } from "vitest/config";
import { shared } from "../../vitest.shared.ts";

const config: ViteUserConfig = mergeConfig(
  shared,
  defineProject({
    test: {
      name: "collector",
      // Starts a throwaway PostgreSQL for the shared store suite (skipped loudly when no binary exists).
      globalSetup: ["./test/setup/postgres.ts"],
    },
  }),
);
export default config;
