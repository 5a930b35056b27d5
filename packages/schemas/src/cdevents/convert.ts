import * as z from "zod";
import type { AdapterResult } from "../adapters/types";
import type { DeploymentEvent, DeploymentOutcome } from "../deployment-event";
import { pullRequestFromEnvironmentName } from "../environment-kind";
import { FaultlineEvent } from "../faultline-event";
import { emit, environmentOf, ignore, readPayload, reject } from "../internal/adapter-kit";
import { deepEqual } from "../internal/deep-equal";
import { formatPath, issueDetail } from "../internal/path";
import { toTimestamp } from "../internal/timestamp";
import { decodeUriReference, encodeUriReference, isAbsoluteUri } from "../internal/uri";
import { setOwn, stripUndefined, text } from "../internal/values";
import { CDEVENTS_SPEC_VERSION, type CDEvent } from "./cdevent";

const provider = "cdevents";

/** Reserved key of `customData.faultline` listing fields the native CDEvent implies but the event lacks. */
const ABSENT = "$absent";

// Event type versions at CDEvents v0.5.1.
const TYPE_VERSIONS: Record<string, string> = {
  "service.deployed": "0.3.0",
  "service.rolledback": "0.3.0",
  "pipelinerun.started": "0.3.0",
  "pipelinerun.finished": "0.3.0",
  "environment.created": "0.3.0",
  "environment.modified": "0.3.0",
  "environment.deleted": "0.3.0",
  "change.created": "0.4.0",
  "change.merged": "0.3.0",
  "change.abandoned": "0.3.0",
};

const OUTCOME_TO_CD: Record<DeploymentOutcome, string> = {
  success: "success",
  failure: "failure",
  cancelled: "cancel",
  error: "error",
};
const OUTCOME_FROM_CD: Record<string, DeploymentOutcome> = {
  success: "success",
  failure: "failure",
  cancel: "cancelled",
  cancelled: "cancelled",
  canceled: "cancelled",
  error: "error",
};

const CHANGE_TO_CD = { opened: "change.created", merged: "change.merged", closed: "change.abandoned" } as const;
const ENV_TO_CD = {
  created: "environment.created",
  modified: "environment.modified",
  deleted: "environment.deleted",
} as const;

type Subject = CDEvent["subject"];

function uri(value: string | undefined): string | undefined {
  return value !== undefined && isAbsoluteUri(value) ? value : undefined;
}

/** An http(s) URL our schemas accept, read back from a CDEvents `uri` (other schemes are not run links). */
function httpUrl(value: unknown): string | undefined {
  const s = text(value);
  return s !== undefined && /^https?:\/\//i.test(s) && z.url().safeParse(s).success ? s : undefined;
}

function syntheticArtifact(e: DeploymentEvent): string {
  const name = e.service ?? e.repository?.split("/").pop() ?? "unknown";
  return `pkg:generic/${encodeURIComponent(name)}${e.commitSha ? `@${encodeURIComponent(e.commitSha)}` : ""}`;
}

/** The native CDEvents type and subject for an event: the part a CDEvents consumer understands. */
function nativeOf(e: FaultlineEvent): { type: string; subject: Subject } {
  switch (e.type) {
    case "deployment": {
      const env = e.environment;
      const serviceSubject = (type: string): { type: string; subject: Subject } => ({
        type,
        subject: {
          id: e.service ?? e.repository ?? e.id,
          content: { environment: { id: env!.id ?? env!.name }, artifactId: e.artifactId ?? syntheticArtifact(e) },
        },
      });
      if (e.kind === "rolled_back" && env) return serviceSubject("service.rolledback");
      // CDEvents has no failed deployment: service.deployed means it worked; anything else is a finished run.
      if (e.kind === "deployed" && env && (e.outcome ?? "success") === "success")
        return serviceSubject("service.deployed");
      if (e.kind === "started") {
        const runUri = uri(e.url) ?? `urn:faultline:event:${encodeURIComponent(e.id)}`;
        return {
          type: "pipelinerun.started",
          subject: { id: e.id, content: { pipelineName: e.pipeline ?? "", uri: runUri } },
        };
      }
      const content = stripUndefined({
        pipelineName: e.pipeline,
        uri: uri(e.url),
        outcome: e.outcome === undefined ? undefined : OUTCOME_TO_CD[e.outcome],
        errors: e.errorMessage,
      });
      return { type: "pipelinerun.finished", subject: { id: e.id, content } };
    }
    case "environment": {
      const content: Record<string, unknown> = { name: e.environment.name };
      if (e.action !== "deleted" && uri(e.environment.url) !== undefined) content.uri = e.environment.url;
      return { type: ENV_TO_CD[e.action], subject: { id: e.environment.id ?? e.environment.name, content } };
    }
    case "change": {
      const content: Record<string, unknown> = { repository: { id: e.repository } };
      if (e.action === "opened" && text(e.title) !== undefined) content.description = e.title;
      return { type: CHANGE_TO_CD[e.action], subject: { id: `${e.repository}#${e.pullRequest}`, content } };
    }
  }
}

/** `owner/repo#12`, `…/pull/12`, `…/merge_requests/12`, `…/pullrequest/12` → 12. */
function pullRequestOf(subjectId: string): number | undefined {
  const m = /(?:#|\/pulls?\/|\/merge_requests\/|\/pullrequest\/)(\d{1,9})$/.exec(subjectId);
  const n = m ? Number(m[1]) : 0;
  return n > 0 ? n : undefined;
}

/**
 * Our event as far as the native CDEvent tells it (no customData). `toCDEvent` stores in customData
 * exactly the fields where this differs from the original, so `fromCDEvent` restores the original.
 */
function fromNative(
  kind: string,
  ctx: { id: string; source: string; timestamp: string },
  subject: { id: string; content: Record<string, unknown> },
): Record<string, unknown> | undefined {
  const base = { id: ctx.id, source: decodeUriReference(ctx.source), provider, timestamp: ctx.timestamp };
  const c = subject.content;
  const envRef = c.environment as { id?: unknown } | undefined;
  switch (kind) {
    case "service.deployed":
    case "service.upgraded":
    case "service.rolledback": {
      const envId = text(envRef?.id);
      return stripUndefined({
        type: "deployment",
        ...base,
        kind: kind === "service.rolledback" ? "rolled_back" : "deployed",
        outcome: kind === "service.rolledback" ? undefined : "success",
        service: subject.id,
        environment: envId === undefined ? undefined : environmentOf(envId),
        artifactId: text(c.artifactId),
      });
    }
    case "pipelinerun.started":
    case "pipelinerun.finished": {
      const finished = kind === "pipelinerun.finished";
      const outcome = text(c.outcome);
      return stripUndefined({
        type: "deployment",
        ...base,
        kind: finished ? "finished" : "started",
        outcome: finished && outcome !== undefined ? OUTCOME_FROM_CD[outcome] : undefined,
        pipeline: text(c.pipelineName),
        url: httpUrl(c.uri) ?? httpUrl(c.url), // v0.4 wrote `url`
        errorMessage: finished ? text(c.errors) : undefined,
      });
    }
    case "environment.created":
    case "environment.modified":
    case "environment.deleted": {
      const name = text(c.name) ?? subject.id;
      const environment = environmentOf(name, {
        id: subject.id !== name ? subject.id : undefined,
        url: httpUrl(c.uri) ?? httpUrl(c.url),
      });
      const preview = environment.kind === "preview";
      return stripUndefined({
        type: "environment",
        ...base,
        action: kind.slice("environment.".length),
        environment,
        preview,
        pullRequest: preview ? pullRequestFromEnvironmentName(name) : undefined,
      });
    }
    case "change.created":
    case "change.merged":
    case "change.abandoned": {
      const repo = text((c.repository as { id?: unknown } | undefined)?.id);
      return stripUndefined({
        type: "change",
        ...base,
        action: kind === "change.created" ? "opened" : kind === "change.merged" ? "merged" : "closed",
        repository: repo ?? subject.id.replace(/(?:#|\/pulls?\/|\/merge_requests\/|\/pullrequest\/)\d+$/, ""),
        pullRequest: pullRequestOf(subject.id),
        title: kind === "change.created" ? text(c.description) : undefined,
      });
    }
    default:
      return undefined;
  }
}

/**
 * Converts an event to a CDEvent (spec v0.5.1) that validates against the official JSON Schema of its type:
 * DeploymentEvent → `service.deployed` (successful deployment to an environment), `service.rolledback`,
 * `pipelinerun.started` or `pipelinerun.finished`; EnvironmentEvent → `environment.created` / `modified` /
 * `deleted`; ChangeEvent → `change.created` / `merged` / `abandoned`. Fields CDEvents has no place for
 * (owner, commit message, service, provider…) travel in `customData.faultline`, so {@link fromCDEvent}
 * gives back an event deep-equal to this one.
 *
 * @throws TypeError when `event` is not a valid {@link FaultlineEvent} (the message names the field), when it
 * has an own `$absent` field (reserved), or when `source` holds a lone UTF-16 surrogate.
 * @example
 * const cd = toCDEvent(event);
 * cd.context.type; // => "dev.cdevents.service.deployed.0.3.0"
 */
export function toCDEvent(event: FaultlineEvent): CDEvent {
  const parsed = FaultlineEvent.safeParse(event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TypeError(
      `[@faultline/schemas] toCDEvent: event.${formatPath(issue.path)}: ${issueDetail(issue.message)}. Pass a valid FaultlineEvent (validate it first with FaultlineEvent.safeParse).`,
    );
  }
  const e = parsed.data;
  if (Object.hasOwn(e, ABSENT))
    throw new TypeError(`[@faultline/schemas] toCDEvent: event.${ABSENT} is a reserved field name`);
  let source: string;
  try {
    source = encodeUriReference(e.source);
  } catch (cause) {
    throw new TypeError(`[@faultline/schemas] toCDEvent: event.source is not well-formed Unicode`, { cause });
  }
  const native = nativeOf(e);
  const context = {
    specversion: CDEVENTS_SPEC_VERSION,
    id: e.id,
    source,
    type: `dev.cdevents.${native.type}.${TYPE_VERSIONS[native.type]}`,
    timestamp: e.timestamp,
  };
  const rebuilt = fromNative(native.type, context, native.subject)!;
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(e)) {
    if (!deepEqual(value, Object.hasOwn(rebuilt, key) ? rebuilt[key] : undefined)) setOwn(extra, key, value);
  }
  const absent = Object.keys(rebuilt).filter((key) => !Object.hasOwn(e, key));
  if (absent.length > 0) extra[ABSENT] = absent;
  const cd: CDEvent = { context, subject: native.subject };
  if (Object.keys(extra).length > 0) {
    cd.customData = { faultline: extra };
    cd.customDataContentType = "application/json";
  }
  return cd;
}

const CDEventInput = z.looseObject({
  context: z.looseObject({
    specversion: z.string().min(1).optional(),
    version: z.string().min(1).optional(), // v0.4 and earlier
    id: z.string().min(1),
    source: z.string().min(1),
    type: z.string().min(1),
    timestamp: z.string(),
  }),
  subject: z.looseObject({
    id: z.string().min(1),
    type: z.string().optional(), // v0.4 and earlier
    content: z.record(z.string(), z.unknown()).optional(),
  }),
  customData: z.unknown().optional(),
});

const TYPE = /^dev\.cdevents\.([a-z]+)\.([a-z]+)\.(\d+\.\d+\.\d+(?:-[\w.]+)?)$/;

/**
 * Reads a CDEvent (v0.5.1, or the v0.4 shape with `context.version` and `subject.type`) back into an event.
 * Events written by {@link toCDEvent} come back deep-equal; others are mapped from their native fields
 * (`service.deployed` / `upgraded` / `rolledback`, `pipelinerun.started` / `finished`, `environment.*`,
 * `change.created` / `merged` / `abandoned`) with `provider: "cdevents"`. Other CDEvents types are ignored
 * with a reason; foreign `customData` is kept on the event as `customData`.
 *
 * @example
 * const result = fromCDEvent(JSON.parse(body));
 * if (result.success) result.events; // => [{ type: "deployment", kind: "deployed", … }]
 */
export function fromCDEvent(json: unknown): AdapterResult {
  const read = readPayload(provider, CDEventInput, json);
  if (!read.ok) return read.result;
  const { context, subject, customData } = read.data;
  if (context.specversion === undefined && context.version === undefined) {
    return reject(
      provider,
      ["context", "specversion"],
      "expected string, received undefined (or context.version for CDEvents v0.4)",
    );
  }
  const m = TYPE.exec(context.type);
  if (!m)
    return reject(
      provider,
      ["context", "type"],
      `expected dev.cdevents.<subject>.<predicate>.<version>, received ${JSON.stringify(context.type)}`,
    );
  const kind = `${m[1]}.${m[2]}`;
  const timestamp = toTimestamp(context.timestamp);
  if (timestamp === undefined)
    return reject(
      provider,
      ["context", "timestamp"],
      `expected an RFC 3339 timestamp with an offset, received ${JSON.stringify(context.timestamp)}`,
    );
  const draft = fromNative(kind, { ...context, timestamp }, { id: subject.id, content: subject.content ?? {} });
  if (draft === undefined) return ignore(`CDEvents type "${kind}" is not mapped to a Faultline event`);

  let foreign: unknown;
  if (customData !== null && typeof customData === "object" && !Array.isArray(customData)) {
    const { faultline, ...rest } = customData as Record<string, unknown>;
    if (faultline !== null && typeof faultline === "object" && !Array.isArray(faultline)) {
      const { [ABSENT]: absent, ...fields } = faultline as Record<string, unknown>;
      for (const [key, value] of Object.entries(fields)) setOwn(draft, key, value);
      if (Array.isArray(absent)) for (const key of absent) if (typeof key === "string") delete draft[key];
    } else if (faultline !== undefined) rest.faultline = faultline;
    if (Object.keys(rest).length > 0) foreign = rest;
  } else if (customData !== undefined) foreign = customData;
  if (foreign !== undefined && !Object.hasOwn(draft, "customData")) draft.customData = foreign;

  if (draft.type === "change" && draft.pullRequest === undefined) {
    return reject(
      provider,
      ["subject", "id"],
      `expected a pull request reference ending in its number (owner/repo#12, …/pull/12), received ${JSON.stringify(subject.id)}`,
    );
  }
  return emit(provider, [draft]);
}
