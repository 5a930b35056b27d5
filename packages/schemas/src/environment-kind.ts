import type { EnvironmentKind } from "./common";

// Matched against the whole name, so `review/feature-x` and `pr-123` are previews whatever else they contain.
const PREVIEW =
  /^(?:review|preview|previews|pr|mr|pull|pulls|pull-request|merge-request)(?:[/_-]|\d|$)|(?:^|[/_.-])(?:pr|mr|pull)[-_]?\d+(?:$|[/_.-])|(?:^|[/_.-])(?:preview|review|ephemeral)(?:$|[/_.-])/i;
const PRODUCTION_WORDS = new Set(["production", "prod", "prd", "live"]);
const STAGING_WORDS = new Set(["staging", "stage", "stg", "uat"]);
// `preprod`, `pre-prod`, `prelive`, `pre_production`: the environment before production, i.e. staging.
const PRE = "pre";
const PRE_COMPOUND = /^pre(?:prod|production|prd|live)$/;
// `non-prod`, `not-prod`, `nonprod`, `nonproduction`: names for "everything that is not production".
const NEGATIONS = new Set(["non", "not"]);
const NEGATED_COMPOUND = /^(?:non|not)(?:prod|production|prd|live|staging|stage|stg)$/;
// Words that, anywhere in a name, say the environment is not the one serving users, even next to a
// production word: `qa-prod`, `sandbox-prod`, `prod-like`, `production-mirror`, `perf-prod`. A wrong
// "production" inflates deployment frequency and change failure rate, so an ambiguous name stays `other`.
// Deliberately absent: `canary`, `blue`/`green`, `dr`, `internal`, regions: those are production too.
const NON_PRODUCTION_WORDS = new Set([
  "dev",
  "devel",
  "develop",
  "development",
  "qa",
  "test",
  "tests",
  "testing",
  "tst",
  "sit",
  "integration",
  "e2e",
  "ci",
  "perf",
  "performance",
  "loadtest",
  "sandbox",
  "sbx",
  "demo",
  "lab",
  "poc",
  "trial",
  "training",
  "local",
  "mock",
  "fake",
  "dummy",
  "experimental",
  "like",
  "mirror",
  "shadow",
  "replica",
  "clone",
  "copy",
]);

/** Lower-case words of a name, a trailing number dropped (`prod1` → `prod`, `stg2` → `stg`). */
function wordsOf(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => /^([a-z]+)\d+$/.exec(w)?.[1] ?? w);
}

/**
 * Guesses what an environment is for from its name alone, for providers that do not say.
 *
 * - `pr-123`, `preview/…`, `review/…`, `app-pr-7` → `preview`;
 * - a staging word anywhere (`staging`, `stage`, `stg`, `uat`), or a production word right after `pre`
 *   (`pre-prod`, `preprod`, `pre-live`, `pre-production`) → `staging`, even beside a production word
 *   (`staging-prod-data`, `prod-staging`);
 * - a production word (`production`, `prod`, `prd`, `live`: `eu-prod`, `prod-eu-1`, `us-production`) →
 *   `production`, unless it is negated (`non-prod`, `not-prod`, `nonprod`) or the name also carries a
 *   non-production word (`qa-prod`, `sandbox-prod`, `prod-like`, `production-mirror`): those → `other`;
 * - anything else (`dev`, `qa`, `test`, `sandbox`, `demo`, `canary`) → `other`.
 *
 * Provider flags (GitLab `environment_tier`, GitHub `production_environment` / `transient_environment`,
 * Qovery `mode`) take precedence in the adapters.
 *
 * @example
 * inferEnvironmentKind("review/fix-login"); // => "preview"
 * inferEnvironmentKind("non-prod"); // => "other"
 */
export function inferEnvironmentKind(name: string): EnvironmentKind {
  const lower = name.trim().toLowerCase();
  if (PREVIEW.test(lower)) return "preview";
  const words = wordsOf(lower);
  let production = false;
  let staging = false;
  let notProduction = false;
  for (const [i, word] of words.entries()) {
    const before = words[i - 1];
    const named = PRODUCTION_WORDS.has(word) || STAGING_WORDS.has(word);
    if (named && before !== undefined && NEGATIONS.has(before)) notProduction = true;
    else if (PRODUCTION_WORDS.has(word)) {
      if (before === PRE) staging = true;
      else production = true;
    } else if (STAGING_WORDS.has(word) || PRE_COMPOUND.test(word)) staging = true;
    else if (NEGATED_COMPOUND.test(word) || NON_PRODUCTION_WORDS.has(word)) notProduction = true;
  }
  if (staging) return "staging";
  if (production && !notProduction) return "production";
  return "other";
}

/**
 * The part of a free-form name (a CircleCI job name such as `deploy-non-prod` or `deploy_to_staging`) that
 * names an environment: the run of adjacent environment words around the first word that names a
 * production, staging or preview environment, so its qualifiers stay with it (`non-prod`, `qa-prod`,
 * `prod-staging`) and {@link inferEnvironmentKind} sees them. Undefined when no word names one. Internal:
 * not re-exported from the package.
 */
export function environmentNameIn(text: string): string | undefined {
  const lower = text.toLowerCase();
  const tokens = [...lower.matchAll(/[a-z0-9]+/g)].map((m) => {
    const word = /^([a-z]+)\d+$/.exec(m[0])?.[1] ?? m[0];
    const anchor = inferEnvironmentKind(m[0]) !== "other" || NEGATED_COMPOUND.test(word);
    const vocabulary = anchor || NEGATIONS.has(word) || word === PRE || NON_PRODUCTION_WORDS.has(word);
    return { start: m.index, end: m.index + m[0].length, anchor, vocabulary };
  });
  const at = tokens.findIndex((t) => t.anchor);
  if (at < 0) return undefined;
  let first = at;
  let last = at;
  while (first > 0 && tokens[first - 1]!.vocabulary) first--;
  while (last < tokens.length - 1 && tokens[last + 1]!.vocabulary) last++;
  return lower.slice(tokens[first]!.start, tokens[last]!.end);
}

/** The pull request number in a preview environment name (`pr-123`, `review/mr-7`, `app-pr42`), if any. */
export function pullRequestFromEnvironmentName(name: string): number | undefined {
  const m = /(?:^|[^a-z0-9])(?:pr|mr|pull|pull-request|merge-request)[-_/]?(\d{1,9})(?:$|[^0-9])/i.exec(name);
  const n = m ? Number(m[1]) : 0;
  return n > 0 ? n : undefined;
}
