import { defineConfig } from "tsup";
import { base } from "../../tsup.base.ts";

// The CLI is an executable, not a library: no declarations, one entry with a shebang.
export default defineConfig({ ...base, entry: ["src/cli.ts"], dts: false });
