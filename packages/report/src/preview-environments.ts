// Preview environments: one per pull request. Created, destroyed, lifetime, how many are alive each day, and the
// ones that leaked (still up well after their pull request was merged or closed).
import type { ChangeEvent, EnvironmentEvent, FaultlineEvent } from "@faultline/schemas";
import type { RejectedItem } from "./error-groups";
import { assertArray, assertNonNegative, rangeError, show } from "./internal/assert";
import { Accounting, type ExcludedCount, isRecord } from "./internal/events";
import { median, quantile, round } from "./internal/stats";
import { addDays, assertTimeZone, createDayKeyer, dayRange, parseInstant, startOfDayMs, toIso } from "./internal/time";

/** Options of {@link analyzePreviewEnvironments}. */
export interface PreviewEnvironmentsOptions {
  /**
   * IANA time zone that defines the calendar days of `alivePerDay`.
   * @defaultValue "UTC"
   */
  timeZone?: string;
  /**
   * The instant the analysis describes ("now"): environments not destroyed by then are alive or leaked.
   * @defaultValue the latest timestamp among the events
   */
  asOf?: string | number | Date;
  /**
   * An environment still up this many hours after its pull request was merged or closed has leaked.
   * @defaultValue 24
   */
  leakAfterHours?: number;
}

/** What became of a preview environment. */
export type PreviewStatus = "destroyed" | "alive" | "leaked";

/** One preview environment. */
export interface PreviewEnvironment {
  /** Repository (or service, or source) the environment belongs to. */
  repository: string;
  /** Environment name as the provider reported it. */
  name: string;
  pullRequest: number | null;
  service: string | null;
  /** ISO 8601 instants; null when the event was not seen. */
  createdAt: string | null;
  destroyedAt: string | null;
  /** When the pull request was merged or closed, if known. */
  closedAt: string | null;
  pullRequestState: "open" | "merged" | "closed" | "unknown";
  /** destroyedAt − createdAt in hours, or (for environments still up) asOf − createdAt. */
  lifetimeHours: number | null;
  status: PreviewStatus;
}

/** Result of {@link analyzePreviewEnvironments}. */
export interface PreviewEnvironmentsResult {
  timeZone: string;
  asOf: string;
  environments: PreviewEnvironment[];
  summary: {
    total: number;
    destroyed: number;
    alive: number;
    leaked: number;
    /** Over destroyed environments with a known creation time. */
    medianLifetimeHours: number | null;
    p90LifetimeHours: number | null;
    meanLifetimeHours: number | null;
    maxAlive: { date: string; count: number } | null;
  };
  /** Environments alive at any moment of each day, from the first creation to `asOf`. */
  alivePerDay: { date: string; count: number }[];
  accounting: { environmentEvents: number; changeEvents: number; excluded: ExcludedCount[]; rejected: RejectedItem[] };
}

interface Preview {
  repository: string;
  name: string;
  pullRequest: number | null;
  service: string | null;
  created?: number;
  destroyed?: number;
}

const HOUR = 3_600_000;

/**
 * Tracks preview environments (one per pull request) from `environment` events (`preview: true`) and joins them
 * with `change` events (pull request merged/closed) by repository and pull request number. An environment is
 * `destroyed` once a `deleted` event arrives, `leaked` when it is still up `leakAfterHours` after its pull request
 * closed, else `alive`. Records that are neither preview environment events nor change events are excluded with a
 * reason; records with an unreadable timestamp are rejected with a reason.
 *
 * @throws TypeError when `events` is not an array; RangeError for a bad option.
 * @example
 * const previews = analyzePreviewEnvironments(events, { asOf: "2026-11-24T23:59:59Z" });
 * previews.summary; // => { total: 840, destroyed: 806, alive: 3, leaked: 31, medianLifetimeHours: 9.8, … }
 */
export function analyzePreviewEnvironments(
  events: readonly FaultlineEvent[] | readonly unknown[],
  options: PreviewEnvironmentsOptions = {},
): PreviewEnvironmentsResult {
  assertArray(events, "events");
  const timeZone = options.timeZone ?? "UTC";
  assertTimeZone(timeZone);
  const leakAfterHours = options.leakAfterHours ?? 24;
  assertNonNegative(leakAfterHours, "options.leakAfterHours");
  let asOfMs: number | undefined;
  if (options.asOf !== undefined) {
    asOfMs = parseInstant(options.asOf);
    if (asOfMs === undefined) throw rangeError(`options.asOf must be a date-time (got ${show(options.asOf)})`);
  }

  const accounting = new Accounting();
  const previews = new Map<string, Preview>();
  const closures = new Map<string, { at: number; state: "merged" | "closed" | "open" }>();
  let latest = Number.NEGATIVE_INFINITY;
  let environmentEvents = 0;
  let changeEvents = 0;
  for (let i = 0; i < events.length; i++) {
    const raw = events[i];
    if (!isRecord(raw)) {
      accounting.reject(i, `event is not an object (got ${show(raw)})`);
      continue;
    }
    if (raw.type === "change") {
      const e = raw as ChangeEvent;
      const ms = accounting.instant(i, raw, "timestamp");
      if (ms === undefined) continue;
      latest = Math.max(latest, ms);
      changeEvents += 1;
      const key = `${e.repository}#${e.pullRequest}`;
      const prev = closures.get(key);
      // The last word wins: a pull request closed and reopened is open again.
      if (!prev || ms >= prev.at) closures.set(key, { at: ms, state: e.action === "opened" ? "open" : e.action });
      continue;
    }
    if (raw.type !== "environment") {
      accounting.exclude(`not an environment or change event (type ${String(raw.type)})`);
      continue;
    }
    const e = raw as EnvironmentEvent;
    if (e.preview !== true && e.environment?.kind !== "preview") {
      accounting.exclude("not a preview environment");
      continue;
    }
    const ms = accounting.instant(i, raw, "timestamp");
    if (ms === undefined) continue;
    latest = Math.max(latest, ms);
    environmentEvents += 1;
    const repository = e.repository ?? e.service ?? e.source;
    const name = e.environment?.name ?? `pr-${e.pullRequest ?? "?"}`;
    const key = e.pullRequest !== undefined ? `${repository}#${e.pullRequest}` : `${repository}@${name}`;
    let p = previews.get(key);
    if (!p) {
      p = { repository, name, pullRequest: e.pullRequest ?? null, service: e.service ?? null };
      previews.set(key, p);
    }
    if (e.action === "created") p.created = p.created === undefined ? ms : Math.min(p.created, ms);
    else if (e.action === "deleted") p.destroyed = p.destroyed === undefined ? ms : Math.max(p.destroyed, ms);
  }
  const asOf = asOfMs ?? (Number.isFinite(latest) ? latest : 0);

  const environments: PreviewEnvironment[] = [];
  for (const [key, p] of previews) {
    const closure = p.pullRequest !== null ? closures.get(key) : undefined;
    // A deletion before the (re)creation means the environment came back and is up again.
    const destroyed =
      p.destroyed !== undefined && (p.created === undefined || p.destroyed >= p.created) && p.destroyed <= asOf
        ? p.destroyed
        : undefined;
    const closedAt = closure && closure.state !== "open" ? closure.at : undefined;
    let status: PreviewStatus = "alive";
    if (destroyed !== undefined) status = "destroyed";
    else if (closedAt !== undefined && asOf - closedAt >= leakAfterHours * HOUR) status = "leaked";
    const end = destroyed ?? asOf;
    environments.push({
      repository: p.repository,
      name: p.name,
      pullRequest: p.pullRequest,
      service: p.service,
      createdAt: p.created === undefined ? null : toIso(p.created),
      destroyedAt: destroyed === undefined ? null : toIso(destroyed),
      closedAt: closedAt === undefined ? null : toIso(closedAt),
      pullRequestState: closure?.state ?? "unknown",
      lifetimeHours: p.created === undefined ? null : round((end - p.created) / HOUR, 2),
      status,
    });
  }
  environments.sort(
    (a, b) =>
      (a.createdAt ?? "").localeCompare(b.createdAt ?? "") ||
      a.repository.localeCompare(b.repository) ||
      (a.pullRequest ?? 0) - (b.pullRequest ?? 0) ||
      a.name.localeCompare(b.name),
  );

  const lifetimes = environments
    .filter((e) => e.status === "destroyed" && e.lifetimeHours !== null)
    .map((e) => e.lifetimeHours!);
  const alivePerDay: { date: string; count: number }[] = [];
  const created = environments.filter((e) => e.createdAt !== null).map((e) => Date.parse(e.createdAt!));
  if (created.length > 0) {
    const dayOf = createDayKeyer(timeZone);
    const first = dayOf(Math.min(...created));
    const lastDay = dayOf(asOf);
    if (first <= lastDay) {
      for (const date of dayRange(first, lastDay)) {
        const start = startOfDayMs(date, timeZone);
        const end = startOfDayMs(addDays(date, 1), timeZone);
        let count = 0;
        for (const e of environments) {
          if (e.createdAt === null) continue;
          const c = Date.parse(e.createdAt);
          const d = e.destroyedAt === null ? Number.POSITIVE_INFINITY : Date.parse(e.destroyedAt);
          if (c < end && d >= start) count += 1;
        }
        alivePerDay.push({ date, count });
      }
    }
  }
  let maxAlive: { date: string; count: number } | null = null;
  for (const d of alivePerDay) if (maxAlive === null || d.count > maxAlive.count) maxAlive = d;
  const sum = lifetimes.reduce((a, b) => a + b, 0);
  return {
    timeZone,
    asOf: toIso(asOf),
    environments,
    summary: {
      total: environments.length,
      destroyed: environments.filter((e) => e.status === "destroyed").length,
      alive: environments.filter((e) => e.status === "alive").length,
      leaked: environments.filter((e) => e.status === "leaked").length,
      medianLifetimeHours: lifetimes.length > 0 ? round(median(lifetimes), 2) : null,
      p90LifetimeHours: lifetimes.length > 0 ? round(quantile(lifetimes, 0.9), 2) : null,
      meanLifetimeHours: lifetimes.length > 0 ? round(sum / lifetimes.length, 2) : null,
      maxAlive,
    },
    alivePerDay,
    accounting: {
      environmentEvents,
      changeEvents,
      excluded: accounting.excludedCounts(),
      rejected: accounting.rejected,
    },
  };
}
