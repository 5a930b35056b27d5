import { defineConfig } from "tsup";
import { base } from "../../tsup.base.ts";

const config: ReturnType<typeof defineConfig> = defineConfig(base);
export default config;
