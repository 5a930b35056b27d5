// Vitest globalSetup: starts a throwaway PostgreSQL server for the shared store suite and removes it afterwards.
// Recipe from TOOLCHAIN.md: initdb refuses to run as root, so as root the server runs as the `postgres` user.
// When no PostgreSQL binary exists the PostgreSQL runs are skipped, and this says so loudly.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type {} from "vitest";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Connection string of the throwaway server, or null when PostgreSQL is not installed. */
    postgresUrl: string | null;
  }
}

function findBinDir(): string | undefined {
  const candidates = ["/usr/local/bin", "/usr/bin"];
  if (existsSync("/usr/lib/postgresql")) {
    for (const version of readdirSync("/usr/lib/postgresql").sort().reverse()) {
      candidates.push(`/usr/lib/postgresql/${version}/bin`);
    }
  }
  return candidates.find((dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl")));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

export default async function setup(project: TestProject): Promise<() => void> {
  const bin = findBinDir();
  if (!bin) {
    process.stderr.write(
      "\n\n!!! @faultline/collector: no PostgreSQL binary (initdb, pg_ctl) found: the PostgreSQL store suite is SKIPPED !!!\n\n",
    );
    project.provide("postgresUrl", null);
    return () => {};
  }
  const dir = mkdtempSync(join(tmpdir(), "faultline-pg-"));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const run = (command: string): void => {
    if (asRoot) execFileSync("su", ["postgres", "-c", command], { stdio: "pipe" });
    else execFileSync("sh", ["-c", command], { stdio: "pipe" });
  };
  if (asRoot) {
    chmodSync(dir, 0o755);
    execFileSync("chown", ["-R", "postgres:postgres", dir]);
  }
  const data = join(dir, "data");
  const pgCtl = join(bin, "pg_ctl");
  const stop = (): void => {
    try {
      run(`${shellQuote(pgCtl)} -D ${shellQuote(data)} -m immediate -w stop`);
    } catch {
      // Already stopped (or never started): nothing to do.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run(`${shellQuote(join(bin, "initdb"))} -D ${shellQuote(data)} -U postgres --auth=trust --no-sync -E UTF8`);
    // fsync stays on: the suite checks durability semantics, and a tiny database makes it cheap.
    const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
    run(
      `${shellQuote(pgCtl)} -D ${shellQuote(data)} -l ${shellQuote(join(dir, "log"))} -o ${shellQuote(serverOptions)} -w -t 60 start`,
    );
  } catch (error) {
    stop();
    throw new Error(`could not start the throwaway PostgreSQL: ${(error as Error).message}`);
  }
  project.provide("postgresUrl", `postgres://postgres@127.0.0.1:${port}/postgres`);
  return stop;
}
