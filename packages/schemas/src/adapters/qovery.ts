import * as z from "zod";
import type { EnvironmentKind } from "../common";
import type { DeploymentOutcome } from "../deployment-event";
import { pullRequestFromEnvironmentName } from "../environment-kind";
import { emit, environmentOf, ignore, readPayload, reject, requireObject } from "../internal/adapter-kit";
import { toTimestamp } from "../internal/timestamp";
import { firstLine, optionalUrl, repositoryFromUrl, text } from "../internal/values";
import type { Adapter } from "./types";

const provider = "qovery";
const str = z.string().nullish();
const Named = z.object({ id: z.string().min(1), name: str });
const Service = z.object({
  id: z.string().min(1),
  name: str,
  git_repository: z
    .looseObject({ url: str, branch: str, commit_id: str, deployed_commit_id: str, commit_message: str })
    .nullish(),
});

const Payload = z.object({
  created_at: z.string(),
  event_type: z.string().min(1),
  payload_type: z.string().min(1),
  payload_id: str,
  payload: z.object({
    id: z.string().min(1),
    current_status: str,
    desired_status: str,
    organization: Named.nullish(),
    project: Named.nullish(),
    environment: z.object({ id: z.string().min(1), name: z.string().min(1), mode: str }),
    applications: z.array(Service).nullish(),
    containers: z.array(Service).nullish(),
    jobs: z.array(Service).nullish(),
    helms: z.array(Service).nullish(),
  }),
});

const EVENTS: Record<string, { kind: "started" | "deployed"; outcome?: DeploymentOutcome }> = {
  DEPLOYMENT_STARTED: { kind: "started" },
  DEPLOYMENT_SUCCESSFUL: { kind: "deployed", outcome: "success" },
  DEPLOYMENT_FAILURE: { kind: "deployed", outcome: "failure" },
  DEPLOYMENT_CANCELLED: { kind: "deployed", outcome: "cancelled" },
};

// Qovery environment modes; DEVELOPMENT is neither production, staging nor a preview.
const MODES: Record<string, EnvironmentKind> = {
  PRODUCTION: "production",
  STAGING: "staging",
  PREVIEW: "preview",
  DEVELOPMENT: "other",
};

/**
 * Qovery organisation webhooks (STANDARD kind, `payload_type: "DEPLOYMENT"`): DEPLOYMENT_STARTED → started;
 * DEPLOYMENT_SUCCESSFUL / FAILURE / CANCELLED → deployed, one event per deployed application, container,
 * job and Helm chart. A successful deployment whose `desired_status` is `DELETED` deleted the environment and
 * becomes an environment-deleted event (the end of a preview environment's life). Environment kind comes from
 * the environment's `mode`.
 *
 * @example
 * const result = fromQovery(JSON.parse(body));
 */
export const fromQovery: Adapter = (payload) => {
  const notObject = requireObject(provider, payload);
  if (notObject) return notObject;
  const read = readPayload(provider, Payload, payload);
  if (!read.ok) return read.result;
  const { event_type, payload_type, payload: p, created_at } = read.data;
  if (payload_type !== "DEPLOYMENT")
    return ignore(`Qovery payload type "${payload_type}" is not mapped (only DEPLOYMENT)`);
  const mapped = EVENTS[event_type];
  if (mapped === undefined) return ignore(`Qovery event "${event_type}" is not mapped to a Faultline event`);
  const timestamp = toTimestamp(created_at);
  if (timestamp === undefined)
    return reject(provider, ["created_at"], `expected an ISO 8601 timestamp, received ${JSON.stringify(created_at)}`);

  const env = p.environment;
  const environment = environmentOf(env.name, { kind: MODES[env.mode ?? ""], id: env.id });
  const preview = environment.kind === "preview";
  const pullRequest = preview ? pullRequestFromEnvironmentName(env.name) : undefined;
  const org = p.organization?.id;
  const project = p.project?.id;
  const source =
    org !== undefined && project !== undefined
      ? `https://console.qovery.com/organization/${org}/project/${project}/environment/${env.id}`
      : `https://console.qovery.com/environment/${env.id}`;

  const desired = text(p.desired_status);
  if (desired === "DELETED") {
    if (mapped.outcome !== "success")
      return ignore(`Qovery ${event_type} of an environment deletion is not tracked (only its success)`);
    return emit(provider, [
      {
        type: "environment",
        id: `qovery:environment:${env.id}:deleted:${p.id}`,
        source,
        provider,
        timestamp,
        action: "deleted",
        environment,
        preview,
        pullRequest,
      },
    ]);
  }
  if (desired !== undefined && desired !== "DEPLOYED" && desired !== "RESTARTED") {
    return ignore(`Qovery ${event_type} with desired status "${desired}" is not a deployment`);
  }

  const services = [...(p.applications ?? []), ...(p.containers ?? []), ...(p.jobs ?? []), ...(p.helms ?? [])];
  const base = {
    type: "deployment",
    source,
    provider,
    timestamp,
    kind: mapped.kind,
    outcome: mapped.outcome,
    environment,
    pullRequest,
    startedAt: mapped.kind === "started" ? timestamp : undefined,
    finishedAt: mapped.kind === "deployed" ? timestamp : undefined,
    url: optionalUrl(source),
    providerStatus: text(p.current_status) ?? event_type,
  };
  if (services.length === 0) return emit(provider, [{ ...base, id: `qovery:deployment:${p.id}:${event_type}` }]);
  return emit(
    provider,
    services.map((s) => ({
      ...base,
      id: `qovery:deployment:${p.id}:${s.id}:${event_type}`,
      service: text(s.name) ?? s.id,
      repository: repositoryFromUrl(s.git_repository?.url),
      branch: text(s.git_repository?.branch),
      commitSha: text(s.git_repository?.deployed_commit_id) ?? text(s.git_repository?.commit_id),
      commitMessage: firstLine(s.git_repository?.commit_message),
    })),
  );
};
