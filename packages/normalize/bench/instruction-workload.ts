// What bench/instructions.ts measures, shared by the pass counted under valgrind (./instructions-pass.ts) and the
// native timing in the same run, so both time the same work.
import type * as current from "../src/index";
import { makeRows } from "./messages";

/** The rows counted over: 2,000 issue #4 messages (400 rows of 5), seeded. */
export const INSTRUCTION_ROWS: unknown[] = makeRows(400, 5, 42);

/** A build's full path over {@link INSTRUCTION_ROWS}: flatten, then normalizeMessage on every event; returns the token count. */
export function fullPath(build: Pick<typeof current, "flatten" | "normalizeMessage">): () => number {
  return () => {
    let n = 0;
    for (const e of build.flatten(INSTRUCTION_ROWS).events) n += build.normalizeMessage(e.event.message).tokens.length;
    return n;
  };
}
