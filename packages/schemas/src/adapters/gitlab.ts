import * as z from "zod";
import type { EnvironmentKind } from "../common";
import type { DeploymentOutcome } from "../deployment-event";
import { pullRequestFromEnvironmentName } from "../environment-kind";
import { emit, environmentOf, ignore, readHeader, readPayload, reject, requireObject } from "../internal/adapter-kit";
import { toTimestamp } from "../internal/timestamp";
import { firstLine, optionalUrl, text } from "../internal/values";
import type { Adapter, AdapterResult } from "./types";

const provider = "gitlab";
const id = z.union([z.int(), z.string().min(1)]);
const str = z.string().nullish();
const Project = z.object({ id: id.nullish(), web_url: z.string().min(1), path_with_namespace: z.string().min(1) });
const User = z.object({ username: str, name: str }).nullish();

const DeploymentPayload = z.object({
  status: z.string().min(1),
  status_changed_at: z.string(),
  deployment_id: id,
  deployable_url: str,
  environment: z.string().min(1),
  environment_tier: str,
  environment_external_url: str,
  project: Project,
  short_sha: str,
  user: User,
  commit_url: str,
  commit_title: str,
  ref: str,
});

const PipelinePayload = z.object({
  object_attributes: z.object({
    id,
    name: str,
    ref: str,
    tag: z.boolean().nullish(),
    sha: str,
    status: z.string().min(1),
    created_at: z.string(),
    finished_at: str,
    url: str,
  }),
  merge_request: z.object({ iid: z.int() }).nullish(),
  user: User,
  project: Project,
  commit: z.object({ message: str, title: str }).nullish(),
});

const MergeRequestPayload = z.object({
  user: User,
  project: Project,
  object_attributes: z.object({
    id,
    iid: z.int(),
    action: str,
    title: str,
    url: str,
    source_branch: str,
    target_branch: str,
    created_at: z.string(),
    updated_at: str,
    merged_at: str,
    closed_at: str,
    merge_commit_sha: str,
    last_commit: z.object({ id: str }).nullish(),
  }),
});

const DEPLOYMENT_STATUS: Record<string, { kind: "started" | "deployed"; outcome?: DeploymentOutcome }> = {
  running: { kind: "started" },
  success: { kind: "deployed", outcome: "success" },
  failed: { kind: "deployed", outcome: "failure" },
  canceled: { kind: "deployed", outcome: "cancelled" },
};

const PIPELINE_STATUS: Record<string, { kind: "started" | "finished"; outcome?: DeploymentOutcome }> = {
  running: { kind: "started" },
  success: { kind: "finished", outcome: "success" },
  failed: { kind: "finished", outcome: "failure" },
  canceled: { kind: "finished", outcome: "cancelled" },
};

// GitLab's deployment tiers; `testing` and `development` say "not production or staging", nothing more.
const TIERS: Record<string, EnvironmentKind> = { production: "production", staging: "staging" };

/** The hook kind from `x-gitlab-event` ("Deployment Hook") or the body's `object_kind` ("deployment"). */
function hookKind(payload: object, header: string | undefined): string | undefined {
  const kind = (payload as { object_kind?: unknown }).object_kind;
  if (typeof kind === "string" && kind.length > 0) return kind;
  if (header === undefined) return undefined;
  return header
    .replace(/ Hook$/i, "")
    .toLowerCase()
    .replace(/ /g, "_");
}

function badTime(path: (string | number)[], value: unknown): AdapterResult {
  return reject(
    provider,
    path,
    `expected a timestamp such as "2021-04-28 21:50:00 +0200" or ISO 8601, received ${JSON.stringify(value)}`,
  );
}

function fromDeployment(payload: unknown): AdapterResult {
  const read = readPayload(provider, DeploymentPayload, payload);
  if (!read.ok) return read.result;
  const p = read.data;
  const mapped = DEPLOYMENT_STATUS[p.status];
  if (mapped === undefined)
    return ignore(`GitLab deployment status "${p.status}" is not a start or an end of a deployment`);
  const timestamp = toTimestamp(p.status_changed_at);
  if (timestamp === undefined) return badTime(["status_changed_at"], p.status_changed_at);
  const tierKind = TIERS[p.environment_tier ?? ""];
  const environment = environmentOf(p.environment, { kind: tierKind, url: optionalUrl(p.environment_external_url) });
  // commit_url ends with the full sha; short_sha is only a prefix.
  const fullSha = /\/commit\/([0-9a-f]{40,64})$/i.exec(p.commit_url ?? "")?.[1];
  return emit(provider, [
    {
      type: "deployment",
      id: `gitlab:deployment:${p.deployment_id}:${p.status}`,
      source: p.project.web_url,
      provider,
      timestamp,
      kind: mapped.kind,
      outcome: mapped.outcome,
      environment,
      repository: p.project.path_with_namespace,
      branch: text(p.ref),
      commitSha: fullSha ?? text(p.short_sha),
      commitMessage: firstLine(p.commit_title),
      author: text(p.user?.username) ?? text(p.user?.name),
      pullRequest: environment.kind === "preview" ? pullRequestFromEnvironmentName(p.environment) : undefined,
      finishedAt: mapped.kind === "deployed" ? timestamp : undefined,
      startedAt: mapped.kind === "started" ? timestamp : undefined,
      url: optionalUrl(p.deployable_url),
      providerStatus: p.status,
    },
  ]);
}

function fromPipeline(payload: unknown): AdapterResult {
  const read = readPayload(provider, PipelinePayload, payload);
  if (!read.ok) return read.result;
  const { object_attributes: pipeline, project, user, commit, merge_request } = read.data;
  const mapped = PIPELINE_STATUS[pipeline.status];
  if (mapped === undefined)
    return ignore(`GitLab pipeline status "${pipeline.status}" is not a start or an end of a run`);
  const field = mapped.kind === "finished" ? "finished_at" : "created_at";
  const raw = mapped.kind === "finished" ? (pipeline.finished_at ?? pipeline.created_at) : pipeline.created_at;
  const timestamp = toTimestamp(raw);
  if (timestamp === undefined) return badTime(["object_attributes", field], raw);
  return emit(provider, [
    {
      type: "deployment",
      // A retried pipeline keeps its id and finishes again: the finish time tells the attempts apart.
      id: `gitlab:pipeline:${pipeline.id}:${pipeline.status}${mapped.kind === "finished" ? `:${timestamp}` : ""}`,
      source: project.web_url,
      provider,
      timestamp,
      kind: mapped.kind,
      outcome: mapped.outcome,
      repository: project.path_with_namespace,
      branch: pipeline.tag === true ? undefined : text(pipeline.ref),
      commitSha: text(pipeline.sha),
      commitMessage: firstLine(commit?.title) ?? firstLine(commit?.message),
      author: text(user?.username) ?? text(user?.name),
      pullRequest: merge_request?.iid,
      startedAt: toTimestamp(pipeline.created_at),
      finishedAt: mapped.kind === "finished" ? timestamp : undefined,
      url: optionalUrl(pipeline.url) ?? optionalUrl(`${project.web_url}/-/pipelines/${pipeline.id}`),
      pipeline: text(pipeline.name),
      providerStatus: pipeline.status,
    },
  ]);
}

function fromMergeRequest(payload: unknown): AdapterResult {
  const read = readPayload(provider, MergeRequestPayload, payload);
  if (!read.ok) return read.result;
  const { object_attributes: mr, project, user } = read.data;
  let change: { action: "opened" | "merged" | "closed"; time: string | null | undefined; field: string };
  if (mr.action === "open") change = { action: "opened", time: mr.created_at, field: "created_at" };
  else if (mr.action === "merge")
    change = { action: "merged", time: mr.merged_at ?? mr.updated_at, field: "updated_at" };
  else if (mr.action === "close")
    change = { action: "closed", time: mr.closed_at ?? mr.updated_at, field: "updated_at" };
  else
    return ignore(`GitLab merge request action "${mr.action ?? "(none)"}" is not tracked (only open, merge and close)`);
  const timestamp = toTimestamp(change.time);
  if (timestamp === undefined) return badTime(["object_attributes", change.field], change.time);
  return emit(provider, [
    {
      type: "change",
      id: `gitlab:merge_request:${mr.id}:${change.action}`,
      source: project.web_url,
      provider,
      timestamp,
      action: change.action,
      repository: project.path_with_namespace,
      pullRequest: mr.iid,
      title: text(mr.title),
      author: text(user?.username) ?? text(user?.name),
      branch: text(mr.source_branch),
      baseBranch: text(mr.target_branch),
      commitSha:
        change.action === "merged" ? (text(mr.merge_commit_sha) ?? text(mr.last_commit?.id)) : text(mr.last_commit?.id),
      url: optionalUrl(mr.url),
    },
  ]);
}

/**
 * GitLab webhooks: deployment hooks (running → started; success / failed / canceled → deployed), pipeline hooks
 * (running → started; success / failed / canceled → finished) and merge request hooks (open, merge, close).
 * GitLab's `2021-04-28 21:50:00 +0200` and `2016-08-12 15:23:28 UTC` times become ISO 8601. The hook kind comes
 * from the body's `object_kind`, else from the `x-gitlab-event` header. Other hooks are ignored with a reason.
 *
 * @example
 * const result = fromGitLab(JSON.parse(body), req.headers);
 */
export const fromGitLab: Adapter = (payload, headers) => {
  const notObject = requireObject(provider, payload);
  if (notObject) return notObject;
  const kind = hookKind(payload as object, readHeader(headers, "x-gitlab-event"));
  switch (kind) {
    case "deployment":
      return fromDeployment(payload);
    case "pipeline":
      return fromPipeline(payload);
    case "merge_request":
      return fromMergeRequest(payload);
    case undefined:
      return ignore("GitLab hook kind unknown: no object_kind in the body and no x-gitlab-event header");
    default:
      return ignore(`GitLab "${kind}" hook is not mapped to a Faultline event`);
  }
};
