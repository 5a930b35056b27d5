import type { EnvironmentKind } from "./common";

// Matched against the whole name, so `review/feature-x` and `pr-123` are previews whatever else they contain.
const PREVIEW =
  /^(?:review|preview|previews|pr|mr|pull|pulls|pull-request|merge-request)(?:[/_-]|\d|$)|(?:^|[/_.-])(?:pr|mr|pull)[-_]?\d+(?:$|[/_.-])|(?:^|[/_.-])(?:preview|review|ephemeral)(?:$|[/_.-])/i;
const STAGING_WORDS = new Set(["staging", "stage", "stg", "preprod", "uat", "pre-production", "preproduction"]);
const PRODUCTION_WORDS = new Set(["production", "prod", "prd", "live"]);

/**
 * Guesses what an environment is for from its name alone, for providers that do not say:
 * `pr-123`, `preview/…`, `review/…`, `app-pr-7` → `preview`; `production`, `prod`, `eu-prod`, `live` →
 * `production`; `staging`, `stg`, `pre-prod`, `uat` → `staging`; anything else → `other`.
 * Provider flags (GitLab `environment_tier`, GitHub `transient_environment`, Qovery `mode`) take precedence
 * in the adapters.
 *
 * @example
 * inferEnvironmentKind("review/fix-login"); // => "preview"
 */
export function inferEnvironmentKind(name: string): EnvironmentKind {
  const lower = name.trim().toLowerCase();
  if (PREVIEW.test(lower)) return "preview";
  if (/(?:^|[^a-z])pre[-_ ]?prod/.test(lower)) return "staging";
  const words = lower.split(/[^a-z0-9]+/).filter((w) => w.length > 0);
  if (words.some((w) => PRODUCTION_WORDS.has(w))) return "production";
  if (words.some((w) => STAGING_WORDS.has(w))) return "staging";
  return "other";
}

/** The pull request number in a preview environment name (`pr-123`, `review/mr-7`, `app-pr42`), if any. */
export function pullRequestFromEnvironmentName(name: string): number | undefined {
  const m = /(?:^|[^a-z0-9])(?:pr|mr|pull|pull-request|merge-request)[-_/]?(\d{1,9})(?:$|[^0-9])/i.exec(name);
  const n = m ? Number(m[1]) : 0;
  return n > 0 ? n : undefined;
}
