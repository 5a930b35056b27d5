// Where the bundled sample lives. This module sits directly in src/ and tsup bundles it into dist/cli.js, so
// "../sample/" is apps/demo/sample in both layouts.
import { fileURLToPath } from "node:url";

export const SAMPLE_DIR: string = fileURLToPath(new URL("../sample/", import.meta.url));

/** The day the sample's platform switched to continuous deployment (generator: start 2026-10-26, switchDay 14). */
export const SAMPLE_SWITCH_DAY = "2026-11-09";
