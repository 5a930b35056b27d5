import type { Options } from "tsup";
import { base } from "../../tsup.base.ts";

// A plain options object (tsup accepts one) with an explicit type, as isolatedDeclarations requires.
const config: Options = base;
export default config;
