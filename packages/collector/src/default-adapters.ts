import { adapters } from "@faultline/schemas";
import type { AdapterRegistry } from "./adapter";

/** The adapters `createCollector` uses unless told otherwise: those of `@faultline/schemas`. */
export const defaultAdapters: AdapterRegistry = { ...adapters };
