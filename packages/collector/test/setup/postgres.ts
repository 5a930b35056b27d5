// Vitest globalSetup: one throwaway PostgreSQL server for the whole run, removed afterwards. When no PostgreSQL
// binary exists, the PostgreSQL runs of the shared store suite are skipped and this says so loudly.
import type {} from "vitest";
import type { TestProject } from "vitest/node";
import { startThrowawayPostgres } from "../support/postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** Connection string of the throwaway server, or null when PostgreSQL is not installed. */
    postgresUrl: string | null;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const server = await startThrowawayPostgres();
  if (!server) {
    process.stderr.write(
      "\n\n!!! @faultline/collector: no PostgreSQL binary (initdb, pg_ctl) found: the PostgreSQL store suite is SKIPPED !!!\n\n",
    );
    project.provide("postgresUrl", null);
    return () => {};
  }
  project.provide("postgresUrl", server.url);
  return () => server.stop();
}
