import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** Outcome of one external command, with its combined output kept for error messages. */
export interface CommandResult {
  ok: boolean;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command synchronously without a shell; never throws on a non-zero exit. */
export function run(command: string, args: readonly string[], cwd: string): CommandResult {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NODE_NO_WARNINGS: "1", npm_config_update_notifier: "false" },
  });
  if (result.error) return { ok: false, status: null, stdout: "", stderr: String(result.error) };
  return { ok: result.status === 0, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The workspace root: the nearest ancestor holding pnpm-workspace.yaml. */
export function workspaceRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
    dir = parent;
  }
  return dir;
}

/**
 * How to call pnpm from inside a test: the pnpm that started this run when there is one
 * (`npm_execpath`), so a machine with no global pnpm works too.
 */
export function pnpmCommand(): { command: string; prefix: string[] } {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(execPath)) return { command: process.execPath, prefix: [execPath] };
  return { command: "pnpm", prefix: [] };
}

/** A binary installed in the workspace's node_modules/.bin. */
export function workspaceBin(root: string, name: string): string {
  return join(root, "node_modules", ".bin", name);
}
