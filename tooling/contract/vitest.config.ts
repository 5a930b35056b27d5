import { defineProject, mergeConfig } from "vitest/config";
import { shared } from "../../vitest.shared.ts";

export default mergeConfig(
  shared,
  defineProject({ test: { name: "contract", testTimeout: 600_000, hookTimeout: 600_000 } }),
);
