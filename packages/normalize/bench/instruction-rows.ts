import { makeRows } from "./messages";

/** The rows bench/instructions.ts counts over: 2,000 issue #4 messages (400 rows of 5), seeded. */
export const INSTRUCTION_ROWS: unknown[] = makeRows(400, 5, 42);
