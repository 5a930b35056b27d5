// Suspect deploys: the deployments shortly before a detected change in a product metric, ranked.
import type { DeploymentEvent, EnvironmentKind, FaultlineEvent } from "@faultline/schemas";
import { assertArray, assertNonNegative, assertPositiveInt, rangeError, show, typeError } from "./internal/assert";
import { createRepeatCheck, isRecord } from "./internal/events";
import { round } from "./internal/stats";
import { parseInstant, toIso } from "./internal/time";

/** Options of {@link findSuspectDeploys}. */
export interface SuspectDeployOptions {
  /**
   * How far back before the change to look, in hours.
   * @defaultValue 48
   */
  windowHours?: number;
  /**
   * How far after the estimated change instant a deploy still counts (a daily metric cannot place the change
   * more precisely than a day), in hours.
   * @defaultValue 24
   */
  afterHours?: number;
  /**
   * Only deployments of these services (apps); `null` keeps all.
   * @defaultValue null
   */
  services?: readonly string[] | null;
  /**
   * Service ranked first (e.g. the app the metric belongs to), without filtering the others out.
   * @defaultValue null
   */
  preferService?: string | null;
  /**
   * Environment kinds considered; deployments without an environment are always kept.
   * @defaultValue ["production", "staging", "other"]
   */
  environmentKinds?: readonly EnvironmentKind[];
  /**
   * At most this many suspects.
   * @defaultValue 10
   */
  limit?: number;
}

/** A deployment that may explain a change. */
export interface SuspectDeploy {
  rank: number;
  id: string;
  service: string | null;
  environment: string | null;
  environmentKind: EnvironmentKind | null;
  timestamp: string;
  /** Hours from the deploy to the estimated change instant (negative: after it). */
  hoursBefore: number;
  author: string | null;
  commitSha: string | null;
  commitMessage: string | null;
  pullRequest: number | null;
  url: string | null;
  /** Whether the deploy is of `preferService`. */
  sameService: boolean;
}

const KIND_ORDER: Record<string, number> = { production: 0, staging: 1, other: 2, preview: 3 };

/**
 * Lists the deployments in a window around an estimated change instant (from `windowHours` before to
 * `afterHours` after), ranked: deploys of `preferService` first, then production before other environments, then
 * deploys before the change instant before those after it, then by distance to the change instant. Only `deployed`
 * and `rolled_back` events that did not fail or get cancelled are suspects: a failed deploy changed nothing. An event
 * repeated with the same `id` and `source` is listed once.
 *
 * @throws TypeError when `deploys` is not an array; RangeError for a bad instant or option.
 * @example
 * findSuspectDeploys("2026-11-16T18:00:00Z", events, { preferService: "checkout" })[0].commitMessage;
 * // => "feat(checkout): one-page checkout with address autocomplete"
 */
export function findSuspectDeploys(
  changeAt: string | number | Date,
  deploys: readonly FaultlineEvent[] | readonly unknown[],
  options: SuspectDeployOptions = {},
): SuspectDeploy[] {
  const at = parseInstant(changeAt);
  if (at === undefined) throw rangeError(`changeAt must be a date-time (got ${show(changeAt)})`);
  assertArray(deploys, "deploys");
  const windowHours = options.windowHours ?? 48;
  const afterHours = options.afterHours ?? 24;
  assertNonNegative(windowHours, "options.windowHours");
  assertNonNegative(afterHours, "options.afterHours");
  const limit = options.limit ?? 10;
  assertPositiveInt(limit, "options.limit");
  const services = options.services ?? null;
  if (services !== null && !Array.isArray(services)) throw typeError("options.services must be an array or null");
  const kinds = new Set<string>(options.environmentKinds ?? ["production", "staging", "other"]);
  const prefer = options.preferService ?? null;
  const from = at - windowHours * 3_600_000;
  const to = at + afterHours * 3_600_000;
  const found: (SuspectDeploy & { ms: number })[] = [];
  // One deploy saved twice (same id and source) is one suspect, not two ranks.
  const isRepeat = createRepeatCheck();
  for (const raw of deploys) {
    if (!isRecord(raw) || raw.type !== "deployment" || isRepeat(raw)) continue;
    const e = raw as DeploymentEvent;
    if (e.kind !== "deployed" && e.kind !== "rolled_back") continue;
    if (e.outcome === "failure" || e.outcome === "error" || e.outcome === "cancelled") continue;
    if (e.environment !== undefined && !kinds.has(e.environment.kind)) continue;
    if (services !== null && (e.service === undefined || !services.includes(e.service))) continue;
    const ms = parseInstant(e.timestamp);
    if (ms === undefined || ms < from || ms > to) continue;
    found.push({
      rank: 0,
      ms,
      id: e.id,
      service: e.service ?? null,
      environment: e.environment?.name ?? null,
      environmentKind: e.environment?.kind ?? null,
      timestamp: toIso(ms),
      hoursBefore: round((at - ms) / 3_600_000, 2),
      author: e.author ?? null,
      commitSha: e.commitSha ?? null,
      commitMessage: e.commitMessage ?? (e.kind === "rolled_back" ? "(rollback)" : null),
      pullRequest: e.pullRequest ?? null,
      url: e.url ?? null,
      sameService: prefer !== null && e.service === prefer,
    });
  }
  found.sort(
    (a, b) =>
      Number(b.sameService) - Number(a.sameService) ||
      (KIND_ORDER[a.environmentKind ?? "other"] ?? 2) - (KIND_ORDER[b.environmentKind ?? "other"] ?? 2) ||
      // A cause comes before its effect: deploys after the estimated instant rank below those before it.
      Number(a.ms > at) - Number(b.ms > at) ||
      Math.abs(a.ms - at) - Math.abs(b.ms - at) ||
      a.id.localeCompare(b.id),
  );
  return found.slice(0, limit).map(({ ms: _ms, ...s }, i) => ({ ...s, rank: i + 1 }));
}
