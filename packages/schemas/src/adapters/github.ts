import * as z from "zod";
import type { DeploymentOutcome } from "../deployment-event";
import { pullRequestFromEnvironmentName } from "../environment-kind";
import { emit, environmentOf, ignore, readHeader, readPayload, reject, requireObject } from "../internal/adapter-kit";
import { toTimestamp } from "../internal/timestamp";
import { firstLine, optionalUrl, positiveInt, text } from "../internal/values";
import type { Adapter, AdapterResult } from "./types";

const provider = "github";
const id = z.union([z.int(), z.string().min(1)]);
const str = z.string().nullish();
const user = z.object({ login: z.string().nullish() }).nullish();
const Repository = z.object({ full_name: z.string().min(1), html_url: z.string().min(1) });

const Deployment = z.object({
  id,
  sha: str,
  ref: str,
  environment: z.string().min(1),
  created_at: z.string(),
  creator: user,
  transient_environment: z.boolean().nullish(),
  production_environment: z.boolean().nullish(),
});

const DeploymentPayload = z.object({ action: str, deployment: Deployment, repository: Repository });

const DeploymentStatusPayload = z.object({
  action: str,
  deployment_status: z.object({
    id,
    state: z.string().min(1),
    created_at: z.string(),
    creator: user,
    description: str,
    target_url: str,
    log_url: str,
    environment_url: str,
  }),
  deployment: Deployment,
  repository: Repository,
});

const WorkflowRunPayload = z.object({
  action: str,
  workflow: z.object({ name: str }).nullish(),
  workflow_run: z.object({
    id,
    name: str,
    status: str,
    conclusion: str,
    head_branch: str,
    head_sha: str,
    html_url: str,
    run_attempt: z.int().nullish(),
    run_started_at: str,
    created_at: z.string(),
    updated_at: z.string(),
    actor: user,
    triggering_actor: user,
    head_commit: z.object({ message: str, author: z.object({ name: str }).nullish() }).nullish(),
    pull_requests: z.array(z.object({ number: z.int() })).nullish(),
  }),
  repository: Repository,
});

const PullRequestPayload = z.object({
  action: z.string().min(1),
  pull_request: z.object({
    id,
    number: z.int(),
    title: str,
    html_url: str,
    merged: z.boolean().nullish(),
    merged_at: str,
    closed_at: str,
    created_at: z.string(),
    updated_at: z.string(),
    merge_commit_sha: str,
    user,
    head: z.object({ ref: str, sha: str }),
    base: z.object({ ref: str }),
  }),
  repository: Repository,
});

const DEPLOYMENT_STATES: Record<string, { kind: "started" | "deployed"; outcome?: DeploymentOutcome }> = {
  success: { kind: "deployed", outcome: "success" },
  failure: { kind: "deployed", outcome: "failure" },
  error: { kind: "deployed", outcome: "error" },
  in_progress: { kind: "started" },
};

// GitHub's check conclusions; `neutral`, `skipped`, `stale`, `action_required` carry no success/failure meaning.
const CONCLUSIONS: Record<string, DeploymentOutcome> = {
  success: "success",
  failure: "failure",
  timed_out: "failure",
  startup_failure: "failure",
  cancelled: "cancelled",
};

/** The event name from `x-github-event`, or guessed from the body's top-level keys when the header is missing. */
function eventName(payload: unknown, header: string | undefined): string | undefined {
  if (header !== undefined) return header;
  if (payload === null || typeof payload !== "object") return undefined;
  // `deployment` payloads carry `"workflow_run": null`, so only keys holding a value count.
  const keys = new Set(
    Object.entries(payload)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k]) => k),
  );
  if (keys.has("deployment_status")) return "deployment_status";
  if (keys.has("workflow_run")) return "workflow_run";
  if (keys.has("workflow_job")) return "workflow_job";
  if (keys.has("pull_request")) return "pull_request";
  if (keys.has("deployment")) return "deployment";
  if (keys.has("commits") && keys.has("ref")) return "push";
  return undefined;
}

/** `refs/pull/166/head` (runs triggered from a pull request's merge ref) → 166. */
function pullRequestFromRef(ref: string | null | undefined): number | undefined {
  const m = /^refs\/pull\/(\d+)\//.exec(ref ?? "");
  return m ? positiveInt(m[1]) : undefined;
}

function environmentFields(d: z.infer<typeof Deployment>, environmentUrl?: string) {
  const kind = d.transient_environment ? "preview" : d.production_environment ? "production" : undefined;
  const environment = environmentOf(d.environment, { kind, url: optionalUrl(environmentUrl) });
  const pullRequest = environment.kind === "preview" ? pullRequestFromEnvironmentName(d.environment) : undefined;
  // A deployment ref is a branch, a tag or a bare sha; a sha is not a branch.
  const branch = text(d.ref) !== undefined && d.ref !== d.sha ? (d.ref ?? undefined) : undefined;
  return { environment, pullRequest, branch };
}

function fromDeployment(payload: unknown): AdapterResult {
  const read = readPayload(provider, DeploymentPayload, payload);
  if (!read.ok) return read.result;
  const { deployment: d, repository, action } = read.data;
  if (action != null && action !== "created") return ignore(`GitHub deployment action "${action}" is not tracked`);
  const timestamp = toTimestamp(d.created_at);
  if (timestamp === undefined)
    return reject(
      provider,
      ["deployment", "created_at"],
      `expected an ISO 8601 timestamp, received ${JSON.stringify(d.created_at)}`,
    );
  return emit(provider, [
    {
      type: "deployment",
      id: `github:deployment:${d.id}`,
      source: repository.html_url,
      provider,
      timestamp,
      kind: "started",
      ...environmentFields(d),
      repository: repository.full_name,
      commitSha: text(d.sha),
      author: text(d.creator?.login),
      startedAt: timestamp,
    },
  ]);
}

function fromDeploymentStatus(payload: unknown): AdapterResult {
  const read = readPayload(provider, DeploymentStatusPayload, payload);
  if (!read.ok) return read.result;
  const { deployment_status: s, deployment: d, repository } = read.data;
  const mapped = DEPLOYMENT_STATES[s.state];
  if (mapped === undefined)
    return ignore(`GitHub deployment_status state "${s.state}" is not a start or an end of a deployment`);
  const timestamp = toTimestamp(s.created_at);
  if (timestamp === undefined)
    return reject(
      provider,
      ["deployment_status", "created_at"],
      `expected an ISO 8601 timestamp, received ${JSON.stringify(s.created_at)}`,
    );
  return emit(provider, [
    {
      type: "deployment",
      id: `github:deployment_status:${s.id}`,
      source: repository.html_url,
      provider,
      timestamp,
      kind: mapped.kind,
      outcome: mapped.outcome,
      ...environmentFields(d, s.environment_url ?? undefined),
      repository: repository.full_name,
      commitSha: text(d.sha),
      author: text(d.creator?.login) ?? text(s.creator?.login),
      startedAt: toTimestamp(d.created_at),
      finishedAt: mapped.kind === "deployed" ? timestamp : undefined,
      url: optionalUrl(s.log_url) ?? optionalUrl(s.target_url),
      providerStatus: s.state,
      errorMessage: mapped.outcome !== undefined && mapped.outcome !== "success" ? text(s.description) : undefined,
    },
  ]);
}

function fromWorkflowRun(payload: unknown): AdapterResult {
  const read = readPayload(provider, WorkflowRunPayload, payload);
  if (!read.ok) return read.result;
  const { workflow_run: run, workflow, repository, action } = read.data;
  const completed = action === "completed" || (action == null && run.status === "completed");
  const inProgress = action === "in_progress" || (action == null && run.status === "in_progress");
  if (!completed && !inProgress)
    return ignore(`GitHub workflow_run action "${action ?? run.status}" is neither the start nor the end of a run`);
  const time = completed ? run.updated_at : (run.run_started_at ?? run.updated_at);
  const timestamp = toTimestamp(time);
  if (timestamp === undefined)
    return reject(
      provider,
      ["workflow_run", completed ? "updated_at" : "run_started_at"],
      `expected an ISO 8601 timestamp, received ${JSON.stringify(time)}`,
    );
  const conclusion = text(run.conclusion);
  return emit(provider, [
    {
      type: "deployment",
      id: `github:workflow_run:${run.id}:${run.run_attempt ?? 1}:${completed ? "completed" : "in_progress"}`,
      source: repository.html_url,
      provider,
      timestamp,
      kind: completed ? "finished" : "started",
      outcome: completed && conclusion !== undefined ? CONCLUSIONS[conclusion] : undefined,
      repository: repository.full_name,
      branch: text(run.head_branch),
      commitSha: text(run.head_sha),
      commitMessage: firstLine(run.head_commit?.message),
      author: text(run.triggering_actor?.login) ?? text(run.actor?.login) ?? text(run.head_commit?.author?.name),
      pullRequest: run.pull_requests?.[0]?.number ?? pullRequestFromRef(run.head_branch),
      startedAt: toTimestamp(run.run_started_at) ?? toTimestamp(run.created_at),
      finishedAt: completed ? timestamp : undefined,
      url: optionalUrl(run.html_url),
      pipeline: text(workflow?.name) ?? text(run.name),
      providerStatus: completed ? conclusion : (text(run.status) ?? "in_progress"),
    },
  ]);
}

function fromPullRequest(payload: unknown): AdapterResult {
  const read = readPayload(provider, PullRequestPayload, payload);
  if (!read.ok) return read.result;
  const { pull_request: pr, repository, action } = read.data;
  let change: { action: "opened" | "merged" | "closed"; time: string | null | undefined; field: string };
  if (action === "opened") change = { action: "opened", time: pr.created_at, field: "created_at" };
  else if (action === "closed" && pr.merged === true)
    change = { action: "merged", time: pr.merged_at ?? pr.closed_at, field: "merged_at" };
  else if (action === "closed") change = { action: "closed", time: pr.closed_at ?? pr.updated_at, field: "closed_at" };
  else return ignore(`GitHub pull_request action "${action}" is not tracked (only opened and closed)`);
  const timestamp = toTimestamp(change.time);
  if (timestamp === undefined)
    return reject(
      provider,
      ["pull_request", change.field],
      `expected an ISO 8601 timestamp, received ${JSON.stringify(change.time)}`,
    );
  return emit(provider, [
    {
      type: "change",
      id: `github:pull_request:${pr.id}:${change.action}`,
      source: repository.html_url,
      provider,
      timestamp,
      action: change.action,
      repository: repository.full_name,
      pullRequest: pr.number,
      title: text(pr.title),
      author: text(pr.user?.login),
      branch: text(pr.head.ref),
      baseBranch: text(pr.base.ref),
      commitSha: change.action === "merged" ? (text(pr.merge_commit_sha) ?? text(pr.head.sha)) : text(pr.head.sha),
      url: optionalUrl(pr.html_url),
    },
  ]);
}

/**
 * GitHub webhooks: `deployment` (created → started), `deployment_status` (success / failure / error →
 * deployed, in_progress → started), `workflow_run` (completed → finished, in_progress → started) and
 * `pull_request` (opened, closed → merged or closed). The event type comes from the `x-github-event`
 * header, or from the body's shape when the header is absent. Other events are ignored with a reason.
 *
 * @example
 * const result = fromGitHub(JSON.parse(body), req.headers);
 * if (result.success) store(result.events);
 */
export const fromGitHub: Adapter = (payload, headers) => {
  const notObject = requireObject(provider, payload);
  if (notObject) return notObject;
  const name = eventName(payload, readHeader(headers, "x-github-event"));
  switch (name) {
    case "deployment":
      return fromDeployment(payload);
    case "deployment_status":
      return fromDeploymentStatus(payload);
    case "workflow_run":
      return fromWorkflowRun(payload);
    case "pull_request":
      return fromPullRequest(payload);
    case undefined:
      return ignore("GitHub event type unknown: no x-github-event header and no recognised payload shape");
    default:
      return ignore(`GitHub event "${name}" is not mapped to a Faultline event`);
  }
};
