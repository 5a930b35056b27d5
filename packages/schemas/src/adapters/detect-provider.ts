import { type AdapterName, adapters } from "./registry";
import type { AdapterResult, WebhookHeaders } from "./types";

function header(headers: WebhookHeaders | undefined, name: string): boolean {
  if (headers === undefined) return false;
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name && v !== undefined) return true;
  return false;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === "string" && v !== "";

/**
 * Which provider sent a webhook delivery, from the event-type header each provider sets (`x-github-event`,
 * `x-gitlab-event`, `circleci-event-type`) or, without headers (payloads stored as files), from the body's
 * shape: GitLab's `object_kind`, Azure DevOps' `eventType` + `publisherId`, CircleCI's `type` + `happened_at`,
 * Qovery's `event_type` + `payload_type`, a Pub/Sub push envelope or a Cloud Build resource, and GitHub's
 * `repository` / `sender` next to a `deployment`, `deployment_status`, `workflow_run`, `workflow_job`,
 * `pull_request` or pushed `commits`. Returns undefined when nothing matches.
 *
 * @example
 * detectProvider({ object_kind: "deployment", status: "success" }); // => "gitlab"
 */
export function detectProvider(payload: unknown, headers?: WebhookHeaders): AdapterName | undefined {
  if (header(headers, "x-github-event")) return "github";
  if (header(headers, "x-gitlab-event")) return "gitlab";
  if (header(headers, "circleci-event-type")) return "circleci";
  if (!isObject(payload)) return undefined;
  const p = payload;
  if (isString(p.object_kind)) return "gitlab";
  if (isString(p.eventType) && isString(p.publisherId)) return "azure-devops";
  if (isString(p.type) && isString(p.happened_at) && isObject(p.webhook)) return "circleci";
  if (isString(p.event_type) && isString(p.payload_type)) return "qovery";
  if (isObject(p.message) && "data" in p.message && isString(p.subscription)) return "cloudbuild";
  if (isString(p.projectId) && isString(p.status) && ("steps" in p || "createTime" in p)) return "cloudbuild";
  const present = (k: string) => p[k] !== undefined && p[k] !== null;
  if (
    (present("repository") || present("sender")) &&
    (present("deployment") ||
      present("deployment_status") ||
      present("workflow_run") ||
      present("workflow_job") ||
      present("pull_request") ||
      (present("commits") && present("ref")))
  )
    return "github";
  return undefined;
}

/**
 * What {@link fromAnyProvider} returns: an adapter's result and the provider it came from, or, when no
 * provider recognises the payload, a failure that says so.
 */
export type DetectedAdapterResult =
  | (AdapterResult & { provider: AdapterName })
  | { success: false; provider: undefined; error: { path: (string | number)[]; message: string } };

/**
 * Maps a webhook delivery from any supported provider: {@link detectProvider}, then that provider's adapter.
 * For stored payloads whose provider is not known in advance; a live endpoint knows it from its route.
 *
 * @example
 * const r = fromAnyProvider(JSON.parse(body));
 * if (r.success) store(r.events); else console.error(r.error.message);
 */
export function fromAnyProvider(payload: unknown, headers?: WebhookHeaders): DetectedAdapterResult {
  const provider = detectProvider(payload, headers);
  if (provider === undefined) {
    const keys = isObject(payload) ? Object.keys(payload).slice(0, 8).join(", ") : undefined;
    return {
      success: false,
      provider: undefined,
      error: {
        path: [],
        message:
          "not a webhook payload of Cloud Build, CircleCI, Azure DevOps, GitHub, GitLab or Qovery" +
          (keys === undefined
            ? ` (received ${payload === null ? "null" : typeof payload})`
            : ` (top-level fields: ${keys || "none"})`),
      },
    };
  }
  return { ...adapters[provider](payload, headers), provider };
}
