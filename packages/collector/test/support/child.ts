import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const PACKAGE_DIR = fileURLToPath(new URL("../../", import.meta.url));
const SCRIPT = fileURLToPath(new URL("./serve-process.ts", import.meta.url));

export interface ChildServer {
  url: string;
  /** Everything the child printed on stdout so far. */
  output(): string;
  child: ChildProcess;
  /** SIGKILL: no flush, no close, exactly what a crash looks like. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the collector in a child process and resolves with its URL. */
export function startChildServer(config: unknown, timeoutMs = 20_000): Promise<ChildServer> {
  return startChildScript(SCRIPT, [JSON.stringify(config)], timeoutMs);
}

/** Runs a TypeScript script that prints `READY <url>` once it listens. */
export function startChildScript(script: string, args: string[], timeoutMs = 20_000): Promise<ChildServer> {
  const child = spawn(process.execPath, ["--conditions=@faultline/source", "--import", "tsx", script, ...args], {
    cwd: PACKAGE_DIR,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`collector child did not start in ${timeoutMs} ms: ${err}`));
    }, timeoutMs);
    child.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`collector child exited with ${code}: ${err}`));
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\S+)/.exec(out);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        output: () => out,
        child,
        async kill9() {
          child.kill("SIGKILL");
          await exited;
        },
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          await exited;
        },
      });
    });
  });
}
