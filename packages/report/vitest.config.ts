import { defineProject, mergeConfig, type ViteUserConfig } from "vitest/config";
import { shared } from "../../vitest.shared.ts";

// An annotated const keeps this file valid under isolatedDeclarations (the package's tsc run covers it).
const config: ViteUserConfig = mergeConfig(shared, defineProject({ test: { name: "report" } }));
export default config;
