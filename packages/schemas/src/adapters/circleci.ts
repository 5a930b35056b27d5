import * as z from "zod";
import type { DeploymentOutcome } from "../deployment-event";
import { environmentNameIn } from "../environment-kind";
import { emit, environmentOf, ignore, readHeader, readPayload, reject, requireObject } from "../internal/adapter-kit";
import { toTimestamp } from "../internal/timestamp";
import { branchFromRef, firstLine, optionalUrl, repositoryFromUrl, text } from "../internal/values";
import type { Adapter, AdapterResult } from "./types";

const provider = "circleci";
const str = z.string().nullish();

const Payload = z.object({
  type: str,
  id: z.string().min(1),
  happened_at: z.string(),
  workflow: z.object({
    id: z.string().min(1),
    name: str,
    created_at: str,
    stopped_at: str,
    url: str,
    status: str,
  }),
  job: z.object({ id: z.string().min(1), name: str, started_at: str, stopped_at: str, status: str }).nullish(),
  pipeline: z.object({
    id: str,
    number: z.int().nullish(),
    vcs: z
      .looseObject({
        origin_repository_url: str,
        target_repository_url: str,
        revision: str,
        branch: str,
        commit: z.object({ subject: str, author: z.object({ name: str }).nullish() }).nullish(),
      })
      .nullish(),
    trigger_parameters: z
      .looseObject({
        git: z.object({ branch: str, checkout_sha: str, ref: str, checkout_url: str }).nullish(),
        gitlab: z
          .looseObject({
            web_url: str,
            repo_url: str,
            branch: str,
            commit_sha: str,
            commit_title: str,
            user_username: str,
            commit_author_name: str,
          })
          .nullish(),
        github_app: z
          .looseObject({
            web_url: str,
            repo_url: str,
            branch: str,
            commit_sha: str,
            commit_title: str,
            user_username: str,
            commit_author_name: str,
          })
          .nullish(),
      })
      .nullish(),
  }),
  project: z.object({ slug: z.string().min(1), name: str }),
});

// CircleCI's documented workflow and job statuses for completed events.
const STATUS: Record<string, DeploymentOutcome> = {
  success: "success",
  failed: "failure",
  error: "error",
  canceled: "cancelled",
  unauthorized: "error",
};

/**
 * A job named like `deploy`, `deploy-production` or `deploy_to_staging` deployed something; the other words
 * of its name may name the environment. CircleCI webhooks carry no environment of their own. The environment
 * keeps its qualifiers (`deploy-non-prod` → `non-prod`, `deploy-qa-prod` → `qa-prod`): picking out the single
 * word `prod` would report a non-production deployment as a production one.
 */
function deployTarget(jobName: string): { environment?: string } | undefined {
  const words = jobName
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
  if (!words.some((w) => w === "deploy" || w === "deployment")) return undefined;
  const env = environmentNameIn(jobName);
  return env === undefined ? {} : { environment: env };
}

function fromCompleted(payload: unknown, type: "workflow-completed" | "job-completed"): AdapterResult {
  const read = readPayload(provider, Payload, payload);
  if (!read.ok) return read.result;
  const p = read.data;
  const job = type === "job-completed" ? p.job : undefined;
  if (type === "job-completed" && !job)
    return reject(provider, ["job"], "expected object, received undefined (a job-completed event names its job)");
  const timestamp = toTimestamp(p.happened_at);
  if (timestamp === undefined)
    return reject(
      provider,
      ["happened_at"],
      `expected an ISO 8601 timestamp, received ${JSON.stringify(p.happened_at)}`,
    );
  const status = text(job ? job.status : p.workflow.status);
  const vcs = p.pipeline.vcs;
  const tp = p.pipeline.trigger_parameters;
  const hosted = tp?.gitlab ?? tp?.github_app;
  const target = job ? deployTarget(text(job.name) ?? "") : undefined;
  const workflowName = text(p.workflow.name);
  return emit(provider, [
    {
      type: "deployment",
      id: job ? `circleci:job:${job.id}` : `circleci:workflow:${p.workflow.id}`,
      source: `https://app.circleci.com/pipelines/${p.project.slug}`,
      provider,
      timestamp,
      kind: target ? "deployed" : "finished",
      outcome: status === undefined ? undefined : STATUS[status],
      environment: target?.environment === undefined ? undefined : environmentOf(target.environment),
      repository:
        repositoryFromUrl(vcs?.origin_repository_url) ??
        repositoryFromUrl(hosted?.web_url) ??
        repositoryFromUrl(hosted?.repo_url) ??
        repositoryFromUrl(tp?.git?.checkout_url),
      branch: text(vcs?.branch) ?? text(tp?.git?.branch) ?? text(hosted?.branch) ?? branchFromRef(tp?.git?.ref),
      commitSha: text(vcs?.revision) ?? text(tp?.git?.checkout_sha) ?? text(hosted?.commit_sha),
      commitMessage: firstLine(vcs?.commit?.subject) ?? firstLine(hosted?.commit_title),
      author: text(vcs?.commit?.author?.name) ?? text(hosted?.user_username) ?? text(hosted?.commit_author_name),
      startedAt: toTimestamp(job ? job.started_at : p.workflow.created_at),
      finishedAt: toTimestamp(job ? job.stopped_at : p.workflow.stopped_at),
      url: optionalUrl(p.workflow.url),
      pipeline: job
        ? [workflowName, text(job.name)].filter((s) => s !== undefined).join("/") || undefined
        : workflowName,
      providerStatus: status,
    },
  ]);
}

/**
 * CircleCI webhooks: `workflow-completed` → finished, `job-completed` → finished, or deployed when the job's
 * name contains the word `deploy` (`deploy-production` also names the environment). Reads both the
 * `pipeline.vcs` shape (GitHub OAuth projects) and the `pipeline.trigger_parameters` shape (GitLab and GitHub
 * App projects). The type comes from the `circleci-event-type` header or the body's `type`.
 *
 * @example
 * const result = fromCircleCI(JSON.parse(body), req.headers);
 */
export const fromCircleCI: Adapter = (payload, headers) => {
  const notObject = requireObject(provider, payload);
  if (notObject) return notObject;
  const type = readHeader(headers, "circleci-event-type") ?? text((payload as { type?: unknown }).type);
  if (type === "workflow-completed" || type === "job-completed") return fromCompleted(payload, type);
  if (type === undefined)
    return ignore("CircleCI event type unknown: no circleci-event-type header and no type in the body");
  return ignore(`CircleCI event "${type}" is not mapped to a Faultline event`);
};
