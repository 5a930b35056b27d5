// Preview environments: one per pull request. Created, destroyed, lifetime, how many are alive each day, and the
// ones that leaked (still up well after their pull request was merged or closed).
import type { ChangeEvent, EnvironmentEvent, FaultlineEvent } from "@faultline/schemas";
import type { RejectedItem } from "./error-groups";
import { assertArray, assertNonNegative, rangeError, show, typeError } from "./internal/assert";
import { Accounting, type ExcludedCount, type Exclusion, isRecord } from "./internal/events";
import { median, quantile, round } from "./internal/stats";
import {
  addDays,
  assertTimeZone,
  checkDay,
  createDayKeyer,
  dayRange,
  daysBetween,
  parseInstant,
  startOfDayMs,
  toIso,
} from "./internal/time";

/** Options of {@link analyzePreviewEnvironments}. */
export interface PreviewEnvironmentsOptions {
  /**
   * IANA time zone that defines the calendar days of `alivePerDay`, `from` and `to`.
   * @defaultValue "UTC"
   */
  timeZone?: string;
  /**
   * The instant the analysis describes ("now"): environments not destroyed by then are alive or leaked. Events
   * after it are excluded (reason "after the as-of instant").
   * @defaultValue the latest timestamp among the preview environment and change events, but no later than the end of
   * `to`
   */
  asOf?: string | number | Date;
  /**
   * An environment still up this many hours after its pull request was merged or closed has leaked.
   * @defaultValue 24
   */
  leakAfterHours?: number;
  /**
   * Only preview environments of these services (apps); events of other services, or without one, are excluded
   * (reason "service not selected"). `null` keeps all.
   * @defaultValue null
   */
  services?: readonly string[] | null;
  /**
   * First day (`YYYY-MM-DD`, in `timeZone`) of the period: only environments alive at some moment from this day to
   * `to` are listed; the events of the others are excluded (reason "not alive in the period").
   * @defaultValue no lower bound
   */
  from?: string;
  /** Last day of the period, included. @defaultValue no upper bound */
  to?: string;
}

/** What became of a preview environment. */
export type PreviewStatus = "destroyed" | "alive" | "leaked";

/**
 * One preview environment, from its creation to its deletion. An environment re-created after it was deleted (same
 * repository and pull request) is listed once per incarnation: the earlier ones `destroyed` with their own lifetime,
 * the latest one `alive` or `leaked` until it is deleted again.
 */
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
  /** When the pull request was merged or closed (as of `asOf`), if known. */
  closedAt: string | null;
  pullRequestState: "open" | "merged" | "closed" | "unknown";
  /** destroyedAt − createdAt in hours, or (for environments still up) asOf − createdAt. */
  lifetimeHours: number | null;
  status: PreviewStatus;
}

/** Result of {@link analyzePreviewEnvironments}. */
export interface PreviewEnvironmentsResult {
  timeZone: string;
  /** The instant described; null when there was no event to take it from and no `asOf` or `to` was given. */
  asOf: string | null;
  /** The period asked for (`from`, `to`), null where unbounded. */
  from: string | null;
  to: string | null;
  /** The services asked for, or null for all. */
  services: string[] | null;
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
    /**
     * Most environments up at the same instant (within the period, if one was given), the first instant that many
     * were up, and its calendar day; null when none was up.
     */
    maxAlive: { date: string; at: string; count: number } | null;
  };
  /**
   * Environments alive at any moment of each day, from `from` (else the first creation) to `to` or `asOf`, whichever
   * comes first. Two environments up on the same day count twice even when they never overlapped; see
   * `summary.maxAlive` for true concurrency.
   */
  alivePerDay: { date: string; count: number }[];
  accounting: { environmentEvents: number; changeEvents: number; excluded: ExcludedCount[]; rejected: RejectedItem[] };
}

/** One incarnation of an environment: from a creation to the deletion that follows it. */
interface Incarnation {
  created?: number;
  destroyed?: number;
  /** Events that describe this incarnation (for the accounting). */
  events: number;
}

interface Preview {
  repository: string;
  name: string;
  pullRequest: number | null;
  service: string | null;
  /** Creation, modification and deletion instants in input order (sorted by time later). */
  events: { ms: number; action: EnvironmentEvent["action"] }[];
}

const HOUR = 3_600_000;
const AFTER_AS_OF: Exclusion = { code: "after-as-of", reason: "after the as-of instant" };

/**
 * Splits one environment's events (sorted by time) into incarnations. A creation while the environment is up is a
 * repeat (a redeploy or a retried webhook) and keeps the earliest creation; a deletion while it is down is a repeat
 * of the previous deletion, which stands (the environment was gone from then). A deletion or modification with no
 * creation seen starts an incarnation whose creation is unknown.
 */
function incarnations(events: readonly { ms: number; action: EnvironmentEvent["action"] }[]): Incarnation[] {
  const out: Incarnation[] = [];
  let up: Incarnation | undefined;
  for (const e of events) {
    const last = out[out.length - 1];
    if (e.action === "created") {
      if (up) up.events += 1;
      else {
        up = { created: e.ms, events: 1 };
        out.push(up);
      }
    } else if (e.action === "deleted") {
      if (up) {
        up.destroyed = e.ms;
        up.events += 1;
        up = undefined;
      } else if (last) last.events += 1;
      else out.push({ destroyed: e.ms, events: 1 });
    } else if (up) up.events += 1;
    else if (last) last.events += 1;
    else {
      up = { events: 1 };
      out.push(up);
    }
  }
  return out;
}

/**
 * Tracks preview environments (one per pull request) from `environment` events (`preview: true`) and joins them
 * with `change` events (pull request merged/closed) by repository and pull request number. An environment is
 * `destroyed` once a `deleted` event arrives, `leaked` when it is still up `leakAfterHours` after its pull request
 * closed, else `alive`; one re-created after its deletion is listed again, once per incarnation. `services`, `from`
 * and `to` narrow the analysis to some apps and to the environments alive during a period. Records that are neither
 * preview environment events nor change events, or that fall outside the filters, are excluded with a reason;
 * records with an unreadable timestamp are rejected with a reason.
 *
 * @throws TypeError when `events` is not an array or `services` is not an array; RangeError for a bad option.
 * @example
 * const previews = analyzePreviewEnvironments(events, { asOf: "2026-11-24T23:59:59Z" });
 * previews.summary; // => { total: 840, destroyed: 806, alive: 3, leaked: 31, medianLifetimeHours: 9.8, … }
 * analyzePreviewEnvironments(events, { services: ["checkout"], from: "2026-11-20", to: "2026-11-22" });
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
  let asOfOption: number | undefined;
  if (options.asOf !== undefined) {
    asOfOption = parseInstant(options.asOf);
    if (asOfOption === undefined) throw rangeError(`options.asOf must be a date-time (got ${show(options.asOf)})`);
  }
  const services = options.services ?? null;
  if (services !== null && (!Array.isArray(services) || services.some((s) => typeof s !== "string")))
    throw typeError(`options.services must be an array of service names or null (got ${show(services)})`);
  const selected = services === null ? null : new Set(services);
  if (options.from !== undefined) checkDay(options.from, "options.from");
  if (options.to !== undefined) checkDay(options.to, "options.to");
  if (options.from !== undefined && options.to !== undefined && daysBetween(options.from, options.to) < 0)
    throw rangeError(`options.from (${options.from}) must not be after options.to (${options.to})`);
  const periodStart = options.from === undefined ? Number.NEGATIVE_INFINITY : startOfDayMs(options.from, timeZone);
  const periodEnd =
    options.to === undefined ? Number.POSITIVE_INFINITY : startOfDayMs(addDays(options.to, 1), timeZone);

  const accounting = new Accounting();
  const previews = new Map<string, Preview>();
  const changes: { key: string; ms: number; state: "merged" | "closed" | "open" }[] = [];
  let latest = Number.NEGATIVE_INFINITY;
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
      changes.push({ key: `${e.repository}#${e.pullRequest}`, ms, state: e.action === "opened" ? "open" : e.action });
      continue;
    }
    if (raw.type !== "environment") {
      accounting.exclude({
        code: "not-preview-event",
        detail: String(raw.type),
        reason: `not an environment or change event (type ${String(raw.type)})`,
      });
      continue;
    }
    const e = raw as EnvironmentEvent;
    if (e.preview !== true && e.environment?.kind !== "preview") {
      accounting.exclude({ code: "not-preview", reason: "not a preview environment" });
      continue;
    }
    const ms = accounting.instant(i, raw, "timestamp");
    if (ms === undefined) continue;
    // Every preview event moves "now", whichever app it belongs to: the data ends where the data ends.
    latest = Math.max(latest, ms);
    if (selected !== null && (e.service === undefined || !selected.has(e.service))) {
      accounting.exclude({ code: "service", reason: "service not selected" });
      continue;
    }
    const repository = e.repository ?? e.service ?? e.source;
    const name = e.environment?.name ?? `pr-${e.pullRequest ?? "?"}`;
    const key = e.pullRequest !== undefined ? `${repository}#${e.pullRequest}` : `${repository}@${name}`;
    let p = previews.get(key);
    if (!p) {
      p = { repository, name, pullRequest: e.pullRequest ?? null, service: e.service ?? null, events: [] };
      previews.set(key, p);
    }
    p.events.push({ ms, action: e.action });
  }
  // A period that ends before the data does describes the state at its end, as a report written then would have.
  let asOf: number | null = asOfOption ?? null;
  if (asOf === null) {
    if (Number.isFinite(latest)) asOf = Math.min(latest, periodEnd - 1);
    else if (Number.isFinite(periodEnd)) asOf = periodEnd - 1;
  }
  const horizon = asOf ?? Number.POSITIVE_INFINITY;

  // The last word (at or before asOf) wins: a pull request closed and reopened is open again.
  const closures = new Map<string, { at: number; state: "merged" | "closed" | "open" }>();
  let changeEvents = 0;
  for (const c of changes) {
    if (c.ms > horizon) {
      accounting.exclude(AFTER_AS_OF);
      continue;
    }
    changeEvents += 1;
    const prev = closures.get(c.key);
    if (!prev || c.ms >= prev.at) closures.set(c.key, { at: c.ms, state: c.state });
  }

  const environments: PreviewEnvironment[] = [];
  let environmentEvents = 0;
  for (const [key, p] of previews) {
    // Stable sort: events at the same instant keep their input order.
    const timeline = p.events.filter((e) => e.ms <= horizon).sort((a, b) => a.ms - b.ms);
    accounting.exclude(AFTER_AS_OF, p.events.length - timeline.length);
    const closure = p.pullRequest !== null ? closures.get(key) : undefined;
    const closedAt = closure && closure.state !== "open" ? closure.at : undefined;
    for (const inc of incarnations(timeline)) {
      const alive = (inc.created ?? Number.NEGATIVE_INFINITY) < periodEnd && (inc.destroyed ?? Infinity) > periodStart;
      if (!alive) {
        accounting.exclude({ code: "not-alive", reason: "not alive in the period" }, inc.events);
        continue;
      }
      environmentEvents += inc.events;
      let status: PreviewStatus = "alive";
      if (inc.destroyed !== undefined) status = "destroyed";
      else if (closedAt !== undefined && asOf !== null && asOf - closedAt >= leakAfterHours * HOUR) status = "leaked";
      const end = inc.destroyed ?? asOf;
      environments.push({
        repository: p.repository,
        name: p.name,
        pullRequest: p.pullRequest,
        service: p.service,
        createdAt: inc.created === undefined ? null : toIso(inc.created),
        destroyedAt: inc.destroyed === undefined ? null : toIso(inc.destroyed),
        closedAt: closedAt === undefined ? null : toIso(closedAt),
        pullRequestState: closure?.state ?? "unknown",
        lifetimeHours: inc.created === undefined || end === null ? null : round((end - inc.created) / HOUR, 2),
        status,
      });
    }
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
  // Each environment with a known creation is up over [createdAt, destroyedAt), clipped to the period.
  const intervals = environments
    .filter((e) => e.createdAt !== null)
    .map((e) => ({
      start: Math.max(Date.parse(e.createdAt!), periodStart),
      end: e.destroyedAt === null ? Number.POSITIVE_INFINITY : Date.parse(e.destroyedAt),
    }));
  const dayOf = createDayKeyer(timeZone);
  const alivePerDay: { date: string; count: number }[] = [];
  if (asOf !== null && (options.from !== undefined || intervals.length > 0)) {
    const first = options.from ?? dayOf(Math.min(...intervals.map((i) => i.start)));
    const asOfDay = dayOf(asOf);
    const lastDay = options.to !== undefined && options.to < asOfDay ? options.to : asOfDay;
    if (first <= lastDay) {
      // Each day ends where the next one starts: one boundary computed per day.
      let start = startOfDayMs(first, timeZone);
      for (const date of dayRange(first, lastDay)) {
        const end = startOfDayMs(addDays(date, 1), timeZone);
        let count = 0;
        for (const i of intervals) if (i.start < end && i.end > start) count += 1;
        alivePerDay.push({ date, count });
        start = end;
      }
    }
  }
  const sum = lifetimes.reduce((a, b) => a + b, 0);
  return {
    timeZone,
    asOf: asOf === null ? null : toIso(asOf),
    from: options.from ?? null,
    to: options.to ?? null,
    services: services === null ? null : [...services],
    environments,
    summary: {
      total: environments.length,
      destroyed: environments.filter((e) => e.status === "destroyed").length,
      alive: environments.filter((e) => e.status === "alive").length,
      leaked: environments.filter((e) => e.status === "leaked").length,
      medianLifetimeHours: lifetimes.length > 0 ? round(median(lifetimes), 2) : null,
      p90LifetimeHours: lifetimes.length > 0 ? round(quantile(lifetimes, 0.9), 2) : null,
      meanLifetimeHours: lifetimes.length > 0 ? round(sum / lifetimes.length, 2) : null,
      maxAlive: maxConcurrent(intervals, dayOf),
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

/**
 * The most intervals covering one instant, and the first instant they do: a sweep over starts (+1) and ends (−1),
 * ends first at equal instants because an interval is half-open — one environment deleted at the very instant another
 * is created were never up together.
 */
function maxConcurrent(
  intervals: readonly { start: number; end: number }[],
  dayOf: (ms: number) => string,
): { date: string; at: string; count: number } | null {
  const edges: [number, number][] = [];
  for (const i of intervals) {
    if (!(i.end > i.start)) continue;
    edges.push([i.start, 1]);
    if (Number.isFinite(i.end)) edges.push([i.end, -1]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let count = 0;
  let best = 0;
  let at = 0;
  for (const [ms, delta] of edges) {
    count += delta;
    if (count > best) {
      best = count;
      at = ms;
    }
  }
  return best === 0 ? null : { date: dayOf(at), at: toIso(at), count: best };
}
