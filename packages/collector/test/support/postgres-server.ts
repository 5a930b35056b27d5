// Starts a throwaway PostgreSQL server (recipe from the project's TOOLCHAIN notes). As root, initdb refuses to
// run, so the server runs as the `postgres` user. Used by the test globalSetup and the reliability scripts.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ThrowawayPostgres {
  /** Connection string to the `postgres` database as superuser. */
  url: string;
  /** Stops the server and deletes its directory. */
  stop(): void;
}

export function findPostgresBin(): string | undefined {
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

function quote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/** Returns undefined when no PostgreSQL binary is installed; throws when one exists but will not start. */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres | undefined> {
  const bin = findPostgresBin();
  if (!bin) return undefined;
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
  const pgCtl = quote(join(bin, "pg_ctl"));
  const stop = (): void => {
    try {
      run(`${pgCtl} -D ${quote(data)} -m immediate -w stop`);
    } catch {
      // Already stopped, or never started.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run(`${quote(join(bin, "initdb"))} -D ${quote(data)} -U postgres --auth=trust --no-sync -E UTF8`);
    // fsync stays on (the default): acknowledged-means-durable is what the suites check.
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
    run(`${pgCtl} -D ${quote(data)} -l ${quote(join(dir, "log"))} -o ${quote(options)} -w -t 60 start`);
  } catch (error) {
    stop();
    throw new Error(`could not start the throwaway PostgreSQL: ${(error as Error).message}`);
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}
