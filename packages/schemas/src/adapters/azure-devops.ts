import * as z from "zod";
import type { DeploymentOutcome } from "../deployment-event";
import { pullRequestFromEnvironmentName } from "../environment-kind";
import { emit, environmentOf, ignore, readPayload, reject, requireObject } from "../internal/adapter-kit";
import { toTimestamp } from "../internal/timestamp";
import { branchFromRef, idText, optionalUrl, text } from "../internal/values";
import type { Adapter, AdapterResult } from "./types";

const provider = "azure-devops";
const id = z.union([z.int(), z.string().min(1)]);
const str = z.string().nullish();
const Identity = z.object({ displayName: str, uniqueName: str }).nullish();
const Links = z.object({ web: z.object({ href: str }).nullish() }).nullish();
const Container = z.object({ id: str, baseUrl: str }).nullish();

const Envelope = z.object({
  id: str,
  eventType: z.string().min(1),
  createdDate: str,
  resourceContainers: z.object({ collection: Container, account: Container, project: Container }).nullish(),
});

const ReleaseDeployment = z.object({
  resource: z.object({
    environment: z.object({
      id,
      name: z.string().min(1),
      status: z.string().min(1),
      modifiedOn: str,
      owner: Identity,
      release: z.object({ id: id.nullish(), name: str, url: str, _links: Links }).nullish(),
      releaseDefinition: z.object({ name: str }).nullish(),
    }),
    deployment: z
      .looseObject({
        id: id.nullish(),
        attempt: z.int().nullish(),
        startedOn: str,
        completedOn: str,
        requestedFor: Identity,
        releaseDefinition: z.object({ name: str }).nullish(),
      })
      .nullish(),
    project: z.object({ name: str }).nullish(),
  }),
});

const BuildComplete = z.object({
  resource: z.object({
    id,
    buildNumber: str,
    status: str,
    result: str,
    url: str,
    startTime: str,
    finishTime: str,
    sourceBranch: str,
    sourceVersion: str,
    sourceGetVersion: str,
    requestedFor: Identity,
    lastChangedBy: Identity,
    requests: z.array(z.object({ requestedFor: Identity })).nullish(),
    definition: z.object({ name: str }).nullish(),
    repository: z.object({ name: str }).nullish(),
    _links: Links,
  }),
});

const RunStateChanged = z.object({
  resource: z.object({
    run: z.object({
      id,
      name: str,
      state: z.string().min(1),
      result: str,
      createdDate: str,
      finishedDate: str,
      url: str,
      _links: Links,
    }),
    pipeline: z.object({ id: id.nullish(), name: str }).nullish(),
    stageName: str,
  }),
});

const PullRequest = z.object({
  resource: z.object({
    pullRequestId: z.int(),
    status: str,
    mergeStatus: str,
    title: str,
    creationDate: str,
    closedDate: str,
    createdBy: Identity,
    sourceRefName: str,
    targetRefName: str,
    lastMergeSourceCommit: z.object({ commitId: str }).nullish(),
    lastMergeCommit: z.object({ commitId: str }).nullish(),
    repository: z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      remoteUrl: str,
      project: z.object({ name: str }).nullish(),
    }),
    _links: Links,
  }),
});

// Release environment statuses (Release API EnvironmentStatus). A partial success is reported as a failure:
// some tasks failed, so the change is not known to be good.
const RELEASE_STATUS: Record<string, DeploymentOutcome> = {
  succeeded: "success",
  partiallySucceeded: "failure",
  rejected: "failure",
  failed: "failure",
  canceled: "cancelled",
  cancelled: "cancelled",
};

// Build results (build.complete carries them in `status` on old payloads, in `result` on newer ones).
const BUILD_RESULT: Record<string, DeploymentOutcome> = {
  succeeded: "success",
  partiallySucceeded: "failure",
  failed: "failure",
  canceled: "cancelled",
  stopped: "cancelled",
};

type Envelope = z.infer<typeof Envelope>;

/** The organisation's URL when the payload carries one, else a URN naming the collection. */
function sourceOf(e: Envelope): string {
  const c = e.resourceContainers;
  const base = text(c?.project?.baseUrl) ?? text(c?.account?.baseUrl) ?? text(c?.collection?.baseUrl);
  if (base !== undefined) return base;
  const scope = text(c?.collection?.id) ?? text(c?.account?.id) ?? "unknown";
  return `urn:azure-devops:${scope}${text(c?.project?.id) ? `:${c?.project?.id}` : ""}`;
}

function badTime(path: (string | number)[], value: unknown): AdapterResult {
  return reject(provider, path, `expected an ISO 8601 timestamp, received ${JSON.stringify(value)}`);
}

function fromReleaseDeployment(payload: unknown, e: Envelope): AdapterResult {
  const read = readPayload(provider, ReleaseDeployment, payload);
  if (!read.ok) return read.result;
  const { environment: env, deployment } = read.data.resource;
  const outcome = RELEASE_STATUS[env.status];
  if (outcome === undefined)
    return ignore(`Azure DevOps release environment status "${env.status}" is not the end of a deployment`);
  const raw = deployment?.completedOn ?? env.modifiedOn ?? e.createdDate;
  const timestamp = toTimestamp(raw);
  if (timestamp === undefined) return badTime(["resource", "environment", "modifiedOn"], raw);
  const environment = environmentOf(env.name, { id: String(env.id) });
  const deploymentKey =
    idText(deployment?.id) ?? `${idText(env.release?.id) ?? "0"}:${env.id}:${deployment?.attempt ?? 1}`;
  return emit(provider, [
    {
      type: "deployment",
      id: `azure-devops:release-deployment:${deploymentKey}:${env.status}`,
      source: sourceOf(e),
      provider,
      timestamp,
      kind: "deployed",
      outcome,
      service: text(deployment?.releaseDefinition?.name) ?? text(env.releaseDefinition?.name),
      environment,
      pullRequest: environment.kind === "preview" ? pullRequestFromEnvironmentName(env.name) : undefined,
      author: text(deployment?.requestedFor?.displayName) ?? text(env.owner?.displayName),
      startedAt: toTimestamp(deployment?.startedOn),
      finishedAt: timestamp,
      url: optionalUrl(env.release?._links?.web?.href) ?? optionalUrl(env.release?.url),
      pipeline: text(env.release?.name),
      providerStatus: env.status,
    },
  ]);
}

function fromBuildComplete(payload: unknown, e: Envelope): AdapterResult {
  const read = readPayload(provider, BuildComplete, payload);
  if (!read.ok) return read.result;
  const b = read.data.resource;
  const result = text(b.result) ?? text(b.status);
  const outcome = result === undefined ? undefined : BUILD_RESULT[result];
  if (outcome === undefined)
    return ignore(`Azure DevOps build result "${result ?? "(none)"}" is not the end of a build`);
  const raw = b.finishTime ?? e.createdDate;
  const timestamp = toTimestamp(raw);
  if (timestamp === undefined) return badTime(["resource", "finishTime"], raw);
  // TFVC-era payloads say `LG:refs/heads/master:<sha>` instead of sourceBranch / sourceVersion.
  const legacy = /^LG:(refs\/[^:]+):([0-9a-f]{7,64})$/i.exec(b.sourceGetVersion ?? "");
  return emit(provider, [
    {
      type: "deployment",
      // "Rerun failed jobs" completes the same build (same id) again, with a later finishTime: the time keeps
      // each completion its own event, while a redelivery of one payload keeps its id (and is deduplicated).
      id: `azure-devops:build:${b.id}:${timestamp}`,
      source: sourceOf(e),
      provider,
      timestamp,
      kind: "finished",
      outcome,
      repository: text(b.repository?.name),
      branch: branchFromRef(b.sourceBranch) ?? branchFromRef(legacy?.[1]),
      commitSha: text(b.sourceVersion) ?? legacy?.[2],
      author:
        text(b.requestedFor?.displayName) ??
        text(b.requests?.[0]?.requestedFor?.displayName) ??
        text(b.lastChangedBy?.displayName),
      startedAt: toTimestamp(b.startTime),
      finishedAt: toTimestamp(b.finishTime),
      url: optionalUrl(b._links?.web?.href) ?? optionalUrl(b.url),
      pipeline: text(b.definition?.name),
      providerStatus: result,
    },
  ]);
}

function fromRunStateChanged(payload: unknown, e: Envelope): AdapterResult {
  const read = readPayload(provider, RunStateChanged, payload);
  if (!read.ok) return read.result;
  const { run, pipeline } = read.data.resource;
  const completed = run.state === "completed";
  if (!completed && run.state !== "inProgress")
    return ignore(`Azure Pipelines run state "${run.state}" is neither the start nor the end of a run`);
  const result = text(run.result);
  const outcome = completed && result !== undefined ? BUILD_RESULT[result] : undefined;
  const raw = completed ? (run.finishedDate ?? e.createdDate) : (run.createdDate ?? e.createdDate);
  const timestamp = toTimestamp(raw);
  if (timestamp === undefined) return badTime(["resource", "run", completed ? "finishedDate" : "createdDate"], raw);
  return emit(provider, [
    {
      type: "deployment",
      // As for build.complete: a rerun completes the same run id again, so its finish time is part of the id.
      id: `azure-devops:run:${idText(pipeline?.id) ?? "0"}:${run.id}:${run.state}${completed ? `:${timestamp}` : ""}`,
      source: sourceOf(e),
      provider,
      timestamp,
      kind: completed ? "finished" : "started",
      outcome,
      startedAt: toTimestamp(run.createdDate),
      finishedAt: completed ? timestamp : undefined,
      url: optionalUrl(run._links?.web?.href) ?? optionalUrl(run.url),
      pipeline: text(pipeline?.name),
      providerStatus: completed ? result : run.state,
    },
  ]);
}

function fromPullRequest(payload: unknown, e: Envelope, eventType: string): AdapterResult {
  const read = readPayload(provider, PullRequest, payload);
  if (!read.ok) return read.result;
  const pr = read.data.resource;
  let action: "opened" | "merged" | "closed";
  if (eventType === "git.pullrequest.created") action = "opened";
  // "merged" fires on every merge attempt, including the test merges of active pull requests: only a
  // completed pull request whose merge succeeded was merged.
  else if (pr.status === "completed" && (pr.mergeStatus == null || pr.mergeStatus === "succeeded")) action = "merged";
  else if (pr.status === "abandoned") action = "closed";
  else
    return ignore(
      `Azure DevOps ${eventType} with status "${pr.status ?? "(none)"}" is neither a merge nor an abandonment`,
    );
  const raw = action === "opened" ? pr.creationDate : (pr.closedDate ?? e.createdDate);
  const timestamp = toTimestamp(raw);
  if (timestamp === undefined) return badTime(["resource", action === "opened" ? "creationDate" : "closedDate"], raw);
  const repo = pr.repository;
  return emit(provider, [
    {
      type: "change",
      id: `azure-devops:pullrequest:${repo.id}:${pr.pullRequestId}:${action}`,
      source: sourceOf(e),
      provider,
      timestamp,
      action,
      repository: text(repo.project?.name) ? `${repo.project?.name}/${repo.name}` : repo.name,
      pullRequest: pr.pullRequestId,
      title: text(pr.title),
      author: text(pr.createdBy?.displayName) ?? text(pr.createdBy?.uniqueName),
      branch: branchFromRef(pr.sourceRefName),
      baseBranch: branchFromRef(pr.targetRefName),
      commitSha:
        action === "merged"
          ? (text(pr.lastMergeCommit?.commitId) ?? text(pr.lastMergeSourceCommit?.commitId))
          : text(pr.lastMergeSourceCommit?.commitId),
      url:
        optionalUrl(pr._links?.web?.href) ??
        optionalUrl(repo.remoteUrl ? `${repo.remoteUrl}/pullrequest/${pr.pullRequestId}` : undefined),
    },
  ]);
}

/**
 * Azure DevOps service hooks: `ms.vss-release.deployment-completed-event` → deployed,
 * `build.complete` → finished, `ms.vss-pipelines.run-state-changed-event` (inProgress → started,
 * completed → finished), `git.pullrequest.created` → opened, `git.pullrequest.merged` /
 * `git.pullrequest.updated` → merged (completed) or closed (abandoned). The type is the body's `eventType`.
 *
 * @example
 * const result = fromAzureDevOps(JSON.parse(body));
 */
export const fromAzureDevOps: Adapter = (payload) => {
  const notObject = requireObject(provider, payload);
  if (notObject) return notObject;
  const read = readPayload(provider, Envelope, payload);
  if (!read.ok) return read.result;
  const e = read.data;
  switch (e.eventType) {
    case "ms.vss-release.deployment-completed-event":
      return fromReleaseDeployment(payload, e);
    case "build.complete":
      return fromBuildComplete(payload, e);
    case "ms.vss-pipelines.run-state-changed-event":
      return fromRunStateChanged(payload, e);
    case "git.pullrequest.created":
    case "git.pullrequest.merged":
    case "git.pullrequest.updated":
      return fromPullRequest(payload, e, e.eventType);
    default:
      return ignore(`Azure DevOps event "${e.eventType}" is not mapped to a Faultline event`);
  }
};
