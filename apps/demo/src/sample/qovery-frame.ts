import type { Random } from "./random";

/** The engine frame Qovery wraps around user-facing deployment errors (as in the real example of issue #4). */
export interface QoveryFrame {
  executionId: string;
  scope: string;
  rollback: string;
  errorMessage: string;
  hint: string;
}

const RULE = "-------------------------------------------------------------------------------";

export function renderQoveryFrame(frame: QoveryFrame): string {
  return [
    "",
    RULE,
    "",
    " MESSAGE FOR QOVERY TEAM:",
    ` * Execution ID: ${frame.executionId}`,
    ` * Scope: ${frame.scope}`,
    ` * Rollback message: ${frame.rollback}`,
    "",
    RULE,
    "",
    " \u274c \u274c \u274c MESSAGE FOR THE USER \u274c \u274c \u274c",
    "",
    ` \u2709\ufe0f Error message: ${frame.errorMessage}`,
    " \ud83d\udcac Need help: Look at the hint message first. If you need more assistance, you can reach the support team on Discord (https://discord.qovery.com) or on the Qovery console (https://console.qovery.com) with the integrated chat.",
    ` \u2139\ufe0f Hint: ${frame.hint}`,
    " ",
  ].join("\n");
}

/** `d5ab51f0-94d3-4671-8dc6-77fc228f2e35-6-1627037439`: a UUID, an attempt number and an epoch second. */
export function executionId(r: Random, epochSeconds: number): string {
  return `${r.uuid()}-${r.int(1, 9)}-${epochSeconds}`;
}

/** Qovery short ids look like `ze9e19029`. */
export function shortId(r: Random): string {
  return `z${r.hex(8)}`;
}
