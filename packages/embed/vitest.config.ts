import { defineProject, mergeConfig, type ViteUserConfig } from "vitest/config";
import { shared } from "../../vitest.shared.ts";

const config: ViteUserConfig = mergeConfig(shared, defineProject({ test: { name: "embed" } }));
export default config;
