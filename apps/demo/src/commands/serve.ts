import { type CollectorConfig, parseCollectorConfig, startCollector } from "@faultline/collector";
import { type Command, EXIT, InputError, numberOption, UsageError } from "../command";
import { readText } from "../io/open-input";

/** Replaces every `"env:NAME"` string in a config with the environment variable NAME, so secrets stay out of files. */
export function resolveEnvReferences(value: unknown, env: NodeJS.ProcessEnv, path = ""): unknown {
  if (typeof value === "string" && value.startsWith("env:")) {
    const name = value.slice(4);
    const resolved = env[name];
    if (resolved === undefined || resolved === "")
      throw new InputError(`${path || "(root)"}: environment variable ${name} is not set`);
    return resolved;
  }
  if (Array.isArray(value)) return value.map((v, i) => resolveEnvReferences(v, env, `${path}[${i}]`));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, resolveEnvReferences(v, env, path ? `${path}.${k}` : k)]),
    );
  }
  return value;
}

/** The configuration `serve` runs with no --config: SQLite, and the secrets the environment provides. */
export function configFromEnvironment(env: NodeJS.ProcessEnv): unknown {
  const auth: Record<string, unknown> = {};
  if (env.FAULTLINE_GITHUB_SECRET) auth.github = { secret: env.FAULTLINE_GITHUB_SECRET };
  if (env.FAULTLINE_GITLAB_TOKEN) auth.gitlab = { token: env.FAULTLINE_GITLAB_TOKEN };
  if (env.FAULTLINE_CIRCLECI_SECRET) auth.circleci = { secret: env.FAULTLINE_CIRCLECI_SECRET };
  if (env.FAULTLINE_QOVERY_SECRET) auth.qovery = { secret: env.FAULTLINE_QOVERY_SECRET };
  if (env.FAULTLINE_CDEVENTS_TOKEN) auth.cdevents = { token: env.FAULTLINE_CDEVENTS_TOKEN };
  if (env.FAULTLINE_ERRORS_TOKEN) auth.errors = { token: env.FAULTLINE_ERRORS_TOKEN };
  if (env.FAULTLINE_QUERY_TOKEN) auth.query = { token: env.FAULTLINE_QUERY_TOKEN };
  if (env.FAULTLINE_AZURE_DEVOPS_USERNAME && env.FAULTLINE_AZURE_DEVOPS_PASSWORD) {
    auth["azure-devops"] = {
      username: env.FAULTLINE_AZURE_DEVOPS_USERNAME,
      password: env.FAULTLINE_AZURE_DEVOPS_PASSWORD,
    };
  }
  return { store: { kind: "sqlite", filename: env.FAULTLINE_DB ?? "faultline.db" }, auth };
}

export const serveCommand: Command = {
  name: "serve",
  summary: "run the collector: CI/CD webhooks and error reports into SQLite (or PostgreSQL)",
  usage: "faultline serve [--config <file.json>] [--port <n>] [--host <addr>] [--db <file>]",
  options: {
    config: {
      type: "string",
      value: "<file.json>",
      description: 'collector config; strings "env:NAME" read the environment',
    },
    port: { type: "string", value: "<n>", description: "port (default 8787)" },
    host: { type: "string", value: "<addr>", description: "interface (default 127.0.0.1)" },
    db: { type: "string", value: "<file>", description: "SQLite file (default faultline.db, or $FAULTLINE_DB)" },
  },
  examples: [
    "FAULTLINE_GITHUB_SECRET=… FAULTLINE_QUERY_TOKEN=… faultline serve --port 8787",
    "faultline serve --config collector.json",
    'curl -s -H "authorization: Bearer $FAULTLINE_QUERY_TOKEN" localhost:8787/api/deployments | faultline deploys -',
    "   (the query API under /api/ answers only when FAULTLINE_QUERY_TOKEN, or auth.query in --config, is set)",
  ],
  async run(ctx) {
    if (ctx.positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(ctx.positionals[0])}`);
    const path = ctx.values.config as string | undefined;
    let raw: unknown;
    if (path === undefined) raw = configFromEnvironment(process.env);
    else {
      try {
        raw = JSON.parse(await readText(path, ctx.io));
      } catch (error) {
        if (error instanceof InputError) throw error;
        throw new InputError(`${path}: not JSON (${(error as Error).message})`);
      }
      raw = resolveEnvReferences(raw, process.env);
    }
    const config = raw as CollectorConfig & { listen?: { host?: string; port?: number } };
    const port = numberOption(ctx.values, "port");
    if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535))
      throw new UsageError(`--port must be 0–65535 (got ${port})`);
    const host = ctx.values.host as string | undefined;
    const db = ctx.values.db as string | undefined;
    const merged = {
      ...config,
      ...(db === undefined ? {} : { store: { kind: "sqlite", filename: db } }),
      listen: { ...config.listen, ...(port === undefined ? {} : { port }), ...(host === undefined ? {} : { host }) },
    };
    const parsed = parseCollectorConfig(merged);
    if (!parsed.success) throw new InputError(`${path ?? "configuration"}: ${parsed.error}`);
    const running = await startCollector(parsed.data);
    const providers = Object.keys(parsed.data.auth);
    ctx.io.stderr.write(
      `faultline collector listening on ${running.url} (store: ${parsed.data.store.kind}; providers with secrets: ${providers.length > 0 ? providers.join(", ") : "none — set FAULTLINE_*_SECRET or --config"})\n`,
    );
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        resolve();
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
    await running.close();
    return EXIT.ok;
  },
};
