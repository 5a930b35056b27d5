import type { Options } from "tsup";

/** Shared build: ESM only, with declarations. Keep it this small so a move to tsdown stays one change. */
export const base: Options = {
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
};
