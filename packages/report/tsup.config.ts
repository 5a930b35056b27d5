import type { Options } from "tsup";
import { base } from "../../tsup.base.ts";

// An annotated const (not `defineConfig(...)` inline) keeps this file valid under isolatedDeclarations.
const config: Options = base;
export default config;
