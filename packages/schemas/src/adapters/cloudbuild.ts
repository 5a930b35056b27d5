import * as z from "zod";
import type { DeploymentOutcome } from "../deployment-event";
import { pullRequestFromEnvironmentName } from "../environment-kind";
import { emit, environmentOf, ignore, readPayload, reject, requireObject } from "../internal/adapter-kit";
import { decodeBase64Utf8 } from "../internal/base64";
import { toTimestamp } from "../internal/timestamp";
import { optionalUrl, positiveInt, repositoryFromUrl, text } from "../internal/values";
import type { Adapter, AdapterResult } from "./types";

const provider = "cloudbuild";
const str = z.string().nullish();

const Envelope = z.object({
  message: z.object({
    data: z.string().min(1),
    attributes: z.record(z.string(), z.string()).nullish(),
    messageId: str,
    message_id: str,
    publishTime: str,
    publish_time: str,
  }),
  subscription: str,
});

const Build = z.object({
  id: z.string().min(1),
  status: z.string().min(1),
  projectId: str,
  createTime: str,
  startTime: str,
  finishTime: str,
  logUrl: str,
  statusDetail: str,
  failureInfo: z.object({ detail: str }).nullish(),
  substitutions: z.record(z.string(), z.string()).nullish(),
  source: z
    .looseObject({
      gitSource: z.object({ url: str }).nullish(),
      repoSource: z.object({ repoName: str, branchName: str, commitSha: str }).nullish(),
    })
    .nullish(),
  sourceProvenance: z
    .looseObject({
      resolvedGitSource: z.object({ url: str, revision: str }).nullish(),
      resolvedRepoSource: z.object({ repoName: str, commitSha: str }).nullish(),
    })
    .nullish(),
  steps: z.array(z.object({ args: z.array(z.string()).nullish() })).nullish(),
});

// Cloud Build's terminal statuses. TIMEOUT is a build that ran too long (a failure of the build);
// EXPIRED never started (it waited in the queue past queueTtl), so it is reported as cancelled.
const TERMINAL: Record<string, DeploymentOutcome> = {
  SUCCESS: "success",
  FAILURE: "failure",
  TIMEOUT: "failure",
  INTERNAL_ERROR: "error",
  CANCELLED: "cancelled",
  EXPIRED: "cancelled",
};

/** Which user substitutions name the service and the environment of a build. */
export interface CloudBuildAdapterOptions {
  /**
   * Substitutions naming the deployed service, tried in order.
   * @defaultValue ["_SERVICE_NAME", "_SERVICE", "_APP_NAME", "_APP"]
   */
  serviceSubstitutions?: readonly string[];
  /**
   * Substitutions naming the target environment, tried in order. A build with one of them set, or with a
   * `gcloud run deploy` step, is a deployment (`kind: "deployed"`); otherwise it is a finished pipeline run.
   * Blank values are unset, and flag values name no environment: `true` / `yes` / `on` / `1` make the build a
   * deployment; `false` / `no` / `off` / `0` / `none` say it did not deploy, so only a `gcloud run deploy`
   * step (which always runs) still makes it one.
   * @defaultValue ["_ENVIRONMENT", "_ENV", "_DEPLOY_ENV", "_DEPLOY_ENVIRONMENT", "_TARGET_ENV", "_DEPLOY", "_STAGE"]
   */
  environmentSubstitutions?: readonly string[];
}

const defaults = {
  serviceSubstitutions: ["_SERVICE_NAME", "_SERVICE", "_APP_NAME", "_APP"],
  environmentSubstitutions: [
    "_ENVIRONMENT",
    "_ENV",
    "_DEPLOY_ENV",
    "_DEPLOY_ENVIRONMENT",
    "_TARGET_ENV",
    "_DEPLOY",
    "_STAGE",
  ],
} satisfies Required<CloudBuildAdapterOptions>;

/** A substitution's value, or undefined when it is unset or blank (trigger defaults are often `""`). */
function substitution(substitutions: Record<string, string> | null | undefined, key: string): string | undefined {
  const raw = substitutions && Object.hasOwn(substitutions, key) ? substitutions[key] : undefined;
  return typeof raw === "string" && raw.trim() !== "" ? raw : undefined;
}

/** The first of `keys` that is set and not blank. */
function pick(substitutions: Record<string, string> | null | undefined, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = substitution(substitutions, key);
    if (value !== undefined) return value;
  }
  return undefined;
}

// Teams often pass a yes/no flag (`_DEPLOY: "false"`) where the defaults look for an environment name; a
// flag never names an environment, and a false one says the build did not deploy.
const FALSE_FLAGS = new Set(["false", "no", "off", "0", "none"]);
const TRUE_FLAGS = new Set(["true", "yes", "on", "1"]);

/**
 * The environment named by the first environment substitution holding a name, and the deploy flag the
 * substitutions hold: `false` if any is a false flag, else `true` if any is a true flag. Blank values are
 * unset (trigger defaults are often `""`), and flag values name nothing.
 */
function environmentSubstitution(
  substitutions: Record<string, string> | null | undefined,
  keys: readonly string[],
): { name: string | undefined; deployFlag: boolean | undefined } {
  let name: string | undefined;
  let deployFlag: boolean | undefined;
  for (const key of keys) {
    const value = substitution(substitutions, key)?.trim();
    if (value === undefined) continue;
    const lower = value.toLowerCase();
    if (FALSE_FLAGS.has(lower)) deployFlag = false;
    else if (TRUE_FLAGS.has(lower)) deployFlag ??= true;
    else name ??= value;
  }
  return { name, deployFlag };
}

/** The service of a `gcloud run deploy SERVICE …` step, the usual last step of a Cloud Run pipeline. */
function cloudRunService(steps: z.infer<typeof Build>["steps"]): string | undefined {
  for (const step of steps ?? []) {
    const args = step.args ?? [];
    const at = args.findIndex((a, i) => a === "run" && args[i + 1] === "deploy");
    const name = at >= 0 ? args[at + 2] : undefined;
    if (name !== undefined && !name.startsWith("-") && !name.includes("$")) return name;
  }
  return undefined;
}

function decodeBuild(data: string): unknown {
  return JSON.parse(decodeBase64Utf8(data));
}

function fromBuild(
  build: unknown,
  opts: Required<CloudBuildAdapterOptions>,
  envelope: { publishTime?: string | undefined; path: (string | number)[] },
): AdapterResult {
  const read = readPayload(provider, Build, build, envelope.path);
  if (!read.ok) return read.result;
  const b = read.data;
  const outcome = TERMINAL[b.status];
  if (outcome === undefined)
    return ignore(`Cloud Build status "${b.status}" is not terminal (only ${Object.keys(TERMINAL).join(", ")} are)`);
  // Some notifications omit finishTime; the Pub/Sub publish time is then the closest instant we have.
  const timestamp = toTimestamp(b.finishTime) ?? toTimestamp(envelope.publishTime) ?? toTimestamp(b.createTime);
  if (timestamp === undefined)
    return reject(
      provider,
      [...envelope.path, "finishTime"],
      "expected finishTime, the envelope's publishTime or createTime as an ISO 8601 timestamp; none was usable",
    );
  const subs = b.substitutions;
  const { name: environmentName, deployFlag } = environmentSubstitution(subs, opts.environmentSubstitutions);
  const environment = environmentName === undefined ? undefined : environmentOf(environmentName);
  const repoUrl = b.source?.gitSource?.url ?? b.sourceProvenance?.resolvedGitSource?.url;
  const deployedService = cloudRunService(b.steps);
  return emit(provider, [
    {
      type: "deployment",
      id: `cloudbuild:build:${b.id}`,
      source: `//cloudbuild.googleapis.com/projects/${b.projectId ?? "unknown"}`,
      provider,
      timestamp,
      // A `gcloud run deploy` step means the build deployed something (Cloud Build steps are unconditional, so
      // it ran). Otherwise a named environment or a true flag does, unless a false flag (`_DEPLOY: "false"`)
      // says the build did not deploy.
      kind: deployedService || (deployFlag !== false && (environment || deployFlag)) ? "deployed" : "finished",
      outcome,
      service: pick(subs, opts.serviceSubstitutions) ?? deployedService,
      environment,
      repository:
        text(subs?.REPO_FULL_NAME) ??
        repositoryFromUrl(repoUrl) ??
        text(subs?.REPO_NAME) ??
        text(b.source?.repoSource?.repoName) ??
        text(b.sourceProvenance?.resolvedRepoSource?.repoName),
      branch: text(subs?.BRANCH_NAME) ?? text(b.source?.repoSource?.branchName),
      commitSha:
        text(subs?.COMMIT_SHA) ??
        text(b.sourceProvenance?.resolvedGitSource?.revision) ??
        text(b.sourceProvenance?.resolvedRepoSource?.commitSha) ??
        text(b.source?.repoSource?.commitSha),
      pullRequest:
        positiveInt(subs?._PR_NUMBER) ??
        (environment?.kind === "preview" ? pullRequestFromEnvironmentName(environment.name) : undefined),
      startedAt: toTimestamp(b.startTime),
      finishedAt: toTimestamp(b.finishTime),
      // An optional link: a malformed one is dropped rather than costing the whole build.
      url: optionalUrl(b.logUrl),
      pipeline: text(subs?.TRIGGER_NAME),
      providerStatus: b.status,
      errorMessage: outcome === "success" ? undefined : (text(b.failureInfo?.detail) ?? text(b.statusDetail)),
    },
  ]);
}

/**
 * Creates a Cloud Build adapter that reads the service and environment from the given substitutions.
 * Use it when your triggers name them differently from the defaults of {@link fromCloudBuild}.
 *
 * @example
 * const adapter = createCloudBuildAdapter({ environmentSubstitutions: ["_TARGET"] });
 */
export function createCloudBuildAdapter(options: CloudBuildAdapterOptions = {}): Adapter {
  const opts = { ...defaults, ...options };
  for (const key of ["serviceSubstitutions", "environmentSubstitutions"] as const) {
    const list: unknown = opts[key];
    if (!Array.isArray(list) || list.some((s) => typeof s !== "string" || s.length === 0)) {
      throw new TypeError(
        `[@faultline/schemas] createCloudBuildAdapter: options.${key} must be an array of non-empty strings`,
      );
    }
  }
  return (payload) => {
    const notObject = requireObject(provider, payload);
    if (notObject) return notObject;
    if (!("message" in (payload as object))) return fromBuild(payload, opts, { path: [] });
    const read = readPayload(provider, Envelope, payload);
    if (!read.ok) return read.result;
    const { message } = read.data;
    let build: unknown;
    try {
      build = decodeBuild(message.data);
    } catch (cause) {
      return reject(
        provider,
        ["message", "data"],
        `expected base64-encoded JSON (a Cloud Build Build resource): ${(cause as Error).message}`,
      );
    }
    return fromBuild(build, opts, {
      publishTime: message.publishTime ?? message.publish_time ?? undefined,
      path: ["message", "data"],
    });
  };
}

/**
 * Cloud Build notifications: the Pub/Sub push envelope of the `cloud-builds` topic (`message.data` is the
 * base64 Build resource), or a bare Build resource. Terminal statuses only (SUCCESS, FAILURE, INTERNAL_ERROR,
 * TIMEOUT, CANCELLED, EXPIRED); others are ignored with a reason. Reads REPO_NAME, COMMIT_SHA, BRANCH_NAME,
 * TRIGGER_NAME, `_PR_NUMBER` and the user substitutions listed in {@link CloudBuildAdapterOptions}.
 *
 * @example
 * const result = fromCloudBuild(JSON.parse(body)); // body: the Pub/Sub push request
 */
export const fromCloudBuild: Adapter = createCloudBuildAdapter();
