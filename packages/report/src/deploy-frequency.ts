// Deploy frequency: per day / week / month, cumulative, per developer, DORA tier and change failure rate.
import type { DeploymentEvent, EnvironmentKind, FaultlineEvent } from "@faultline/schemas";
import type { RejectedItem } from "./error-groups";
import { assertArray, rangeError, show, typeError } from "./internal/assert";
import { Accounting, createRepeatCheck, type ExcludedCount, isRecord } from "./internal/events";
import { round } from "./internal/stats";
import { assertTimeZone, checkDay, createDayKeyer, dayOfWeek, dayRange, daysBetween, mondayOf } from "./internal/time";

/** Which deployments count. */
export interface DeployFilterOptions {
  /**
   * Environment kinds whose deployments count; `null` counts every deployment, with or without an environment.
   * @defaultValue ["production"]
   */
  environmentKinds?: readonly EnvironmentKind[] | null;
  /**
   * Only deployments of these services (apps) count; `null` counts all.
   * @defaultValue null
   */
  services?: readonly string[] | null;
  /**
   * IANA time zone that defines calendar days, weeks (Monday first) and weekends.
   * @defaultValue "UTC"
   */
  timeZone?: string;
}

/** Options of {@link analyzeDeployFrequency}. */
export interface DeployFrequencyOptions extends DeployFilterOptions {
  /** First day (`YYYY-MM-DD`, in `timeZone`) of the period. @defaultValue the day of the first counted deployment */
  from?: string;
  /** Last day, included. @defaultValue the day of the last counted deployment */
  to?: string;
  /**
   * Days of the week that are the weekend (0 = Sunday … 6 = Saturday).
   * @defaultValue [0, 6]
   */
  weekendDays?: readonly number[];
}

/** Deploys on one calendar day. */
export interface DeployDay {
  date: string;
  /** Successful (or outcome-unknown) deployments. */
  count: number;
  /** Deployments that failed (outcome failure/error) or were rolled back. */
  failed: number;
  weekend: boolean;
  /** Running total of `count` from the first day of the period. */
  cumulative: number;
  /** Running total of `count` from the first day of this calendar month inside the period (month to date). */
  monthToDate: number;
}

/** Deploys in one calendar month (the part of it inside the period). */
export interface DeployMonth {
  /** `YYYY-MM`. */
  month: string;
  count: number;
  /** Days of this month inside the period (fewer than the month's length at the edges). */
  days: number;
  /** Days of this month with at least one deploy. */
  deploymentDays: number;
}

/** Deploys in one week (Monday to Sunday). */
export interface DeployWeek {
  weekStart: string;
  count: number;
  /** Days of this week inside the period (7 except at the edges). */
  days: number;
  /** Days of this week with at least one deploy. */
  deploymentDays: number;
}

/** One person's deploys. */
export interface DeveloperDeploys {
  author: string;
  deploys: number;
  /** Days with at least one deploy by this person. */
  activeDays: number;
  /** deploys / days in the period. */
  perDay: number;
}

/** DORA deployment-frequency performance level. */
export type DoraTier = "elite" | "high" | "medium" | "low";

/** DORA classification with the measurements behind it. */
export interface DoraDeploymentFrequency {
  /** null when the period holds no deployment. */
  tier: DoraTier | null;
  /** The benchmark wording of the 2023 report for that tier. */
  label: string;
  /** Lower median, over the weeks fully inside the period, of days with a deploy. */
  medianDeploymentDaysPerWeek: number;
  /** Lower median, over the calendar months touching the period, of days with a deploy. */
  medianDeploymentDaysPerMonth: number;
}

/** Change failure rate over deployments whose outcome is known. */
export interface ChangeFailureRate {
  /** Deployments that failed or were rolled back. */
  failed: number;
  /** Deployments with a known outcome (success, failure or error). */
  attempts: number;
  /** failed / attempts, or null when no outcome is known. */
  rate: number | null;
}

/** How every input record was used. */
export interface DeployAccounting {
  /** Deployments counted (successful or outcome unknown). */
  deploys: number;
  /** Deployments counted as failures (outcome failure/error). */
  failedDeploys: number;
  /** `rolled_back` events used for the change failure rate. */
  rollbacks: number;
  excluded: ExcludedCount[];
  rejected: RejectedItem[];
}

/** Result of {@link analyzeDeployFrequency}. */
export interface DeployFrequencyResult {
  timeZone: string;
  from: string;
  to: string;
  /** Days in the period. */
  days: number;
  total: number;
  perDay: DeployDay[];
  perWeek: DeployWeek[];
  /** Calendar months touching the period, with their deploys; `perDay[].monthToDate` is the running total. */
  perMonth: DeployMonth[];
  summary: {
    maxPerDay: { date: string; count: number } | null;
    averagePerDay: number;
    averagePerWeekday: number;
    averagePerWeekendDay: number;
    /** total / days × 7. */
    averagePerWeek: number;
    deploymentDays: number;
  };
  developers: DeveloperDeploys[];
  /** total / (developers × days); 0 when nobody is named. */
  perDeveloperPerDay: number;
  /** Deploys with no author. */
  unattributed: number;
  dora: DoraDeploymentFrequency;
  changeFailureRate: ChangeFailureRate;
  accounting: DeployAccounting;
}

const TIER_LABELS: Record<DoraTier, string> = {
  elite: "On demand (multiple deploys per day)",
  high: "Between once per day and once per week",
  medium: "Between once per week and once per month",
  low: "Fewer than once per month",
};

/**
 * Thrown by {@link analyzeDeployFrequency} when no deployment passed the filters and no period was given, so there
 * is no period to report on. `excluded` and `rejected` say what became of the records instead (all of another
 * environment kind, another service, unreadable…), for a caller to word its own message.
 */
export class NoDeploymentsError extends RangeError {
  override readonly name = "NoDeploymentsError";
  /** Records left out on purpose, by reason (as `accounting.excluded` of a result). */
  readonly excluded: ExcludedCount[];
  /** Records that could not be read. */
  readonly rejected: RejectedItem[];
  constructor(excluded: ExcludedCount[], rejected: RejectedItem[]) {
    const why = [
      ...excluded.map((e) => `${e.count} ${e.reason}`),
      ...(rejected.length > 0 ? [`${rejected.length} rejected`] : []),
    ];
    super(
      `[@faultline/report] no deployment matched the filters (${why.length > 0 ? why.join("; ") : "no events"}) and no period was given: pass options.from and options.to`,
    );
    this.excluded = excluded;
    this.rejected = rejected;
  }
}

/** Event types the deploy analyses read for other sections: not deployments, and not deploys left out either. */
const OTHER_EVENT_TYPES: ReadonlySet<string> = new Set(["environment", "change"]);

/** What a deploy count left out: see {@link deploysNotCounted}. */
export interface DeploysNotCounted {
  /** Records left out on purpose, by reason, as in `accounting.excluded`. */
  excluded: ExcludedCount[];
  /** Records that could not be read, grouped by their reason without the offending value. */
  rejected: { reason: string; count: number }[];
  /** Sum of both counts. */
  total: number;
}

/**
 * What a deploy count left out, for a reader: the excluded records (environment and change events aside, which
 * are no deployments but feed the preview and suspect sections; a record of any other type is listed) and the
 * rejected ones, grouped by reason without the offending value (`accounting.rejected` lists each with its index).
 * The reports' "Not counted" line and the CLI's note both come from it.
 *
 * @example
 * deploysNotCounted(freq.accounting).excluded; // => [{ reason: "environment kind preview", count: 840, code: "environment-kind", detail: "preview" }]
 */
export function deploysNotCounted(accounting: {
  excluded: readonly ExcludedCount[];
  rejected?: readonly RejectedItem[];
}): DeploysNotCounted {
  const excluded = accounting.excluded.filter(
    (e) => !(e.code === "not-deployment" && e.detail !== undefined && OTHER_EVENT_TYPES.has(e.detail)),
  );
  const byReason = new Map<string, number>();
  for (const r of accounting.rejected ?? []) {
    const reason = r.reason.replace(/\s*\(got [\s\S]*\)$/, "");
    byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  }
  const rejected = [...byReason].map(([reason, count]) => ({ reason, count }));
  const total = [...excluded, ...rejected].reduce((sum, e) => sum + e.count, 0);
  return { excluded, rejected, total };
}

/** A deployment that passed the filters, with its day. */
interface Counted {
  index: number;
  ms: number;
  day: string;
  event: DeploymentEvent;
  failed: boolean;
  known: boolean;
}

interface Collected {
  counted: Counted[];
  accounting: Accounting;
  rollbacks: number;
}

/** Validates shared filter options. Exported for the other deploy analyses. */
export function resolveFilter(options: DeployFilterOptions): {
  timeZone: string;
  kinds: ReadonlySet<string> | null;
  services: ReadonlySet<string> | null;
} {
  const timeZone = options.timeZone ?? "UTC";
  assertTimeZone(timeZone);
  const kinds = options.environmentKinds === undefined ? ["production"] : options.environmentKinds;
  if (kinds !== null && !Array.isArray(kinds))
    throw typeError(`options.environmentKinds must be an array of environment kinds or null (got ${show(kinds)})`);
  const services = options.services ?? null;
  if (services !== null && !Array.isArray(services))
    throw typeError(`options.services must be an array of service names or null (got ${show(services)})`);
  return { timeZone, kinds: kinds === null ? null : new Set(kinds), services: services && new Set(services) };
}

/**
 * Walks the events once: keeps `deployed` deployments that pass the filters, marks failures (outcome failure or
 * error, or rolled back later), and accounts for everything else.
 */
export function collectDeploys(
  events: readonly unknown[],
  options: DeployFilterOptions,
): Collected & { timeZone: string } {
  assertArray(events, "events");
  const { timeZone, kinds, services } = resolveFilter(options);
  const dayOf = createDayKeyer(timeZone);
  const accounting = new Accounting();
  const counted: Counted[] = [];
  const rollbacks: { ms: number; key: string; index: number }[] = [];
  const keyOf = (e: DeploymentEvent): string => `${e.service ?? e.source}\u0000${e.environment?.name ?? ""}`;
  // A file that repeats an event (two exports concatenated, a webhook saved twice) would otherwise count it twice.
  const isRepeat = createRepeatCheck();
  for (let i = 0; i < events.length; i++) {
    const raw = events[i];
    if (!isRecord(raw)) {
      accounting.reject(i, `event is not an object (got ${show(raw)})`);
      continue;
    }
    if (raw.type !== "deployment") {
      accounting.exclude({
        code: "not-deployment",
        detail: String(raw.type),
        reason: `not a deployment (type ${String(raw.type)})`,
      });
      continue;
    }
    if (isRepeat(raw)) {
      accounting.exclude({ code: "duplicate", reason: "duplicate (same id and source as an earlier event)" });
      continue;
    }
    const e = raw as DeploymentEvent;
    if (e.kind !== "deployed" && e.kind !== "rolled_back") {
      accounting.exclude({
        code: "kind",
        detail: String(e.kind),
        reason: `deployment kind ${String(e.kind)} (only "deployed" counts)`,
      });
      continue;
    }
    if (kinds !== null) {
      const kind = e.environment?.kind;
      if (kind === undefined) {
        accounting.exclude({
          code: "no-environment",
          reason: "no environment (set environmentKinds: null to count it)",
        });
        continue;
      }
      if (!kinds.has(kind)) {
        accounting.exclude({ code: "environment-kind", detail: kind, reason: `environment kind ${kind}` });
        continue;
      }
    }
    if (services !== null && (e.service === undefined || !services.has(e.service))) {
      accounting.exclude({ code: "service", reason: "service not selected" });
      continue;
    }
    const ms = accounting.instant(i, raw, "timestamp");
    if (ms === undefined) continue;
    if (e.kind === "rolled_back") {
      rollbacks.push({ ms, key: keyOf(e), index: i });
      continue;
    }
    if (e.outcome === "cancelled") {
      accounting.exclude({ code: "outcome", detail: "cancelled", reason: "cancelled deployment" });
      continue;
    }
    const failed = e.outcome === "failure" || e.outcome === "error";
    counted.push({ index: i, ms, day: dayOf(ms), event: e, failed, known: e.outcome !== undefined });
  }
  counted.sort((a, b) => a.ms - b.ms || a.index - b.index);
  // A rollback remediates the latest deployment of the same service and environment before it: that deployment
  // counts as a failed change (it may already have failed outright, in which case nothing changes).
  const byKey = new Map<string, Counted[]>();
  if (rollbacks.length > 0)
    for (const c of counted) {
      const key = keyOf(c.event);
      const list = byKey.get(key);
      if (list) list.push(c);
      else byKey.set(key, [c]);
    }
  let used = 0;
  for (const r of rollbacks) {
    const list = byKey.get(r.key) ?? [];
    let target: Counted | undefined;
    for (let k = list.length - 1; k >= 0; k--) {
      if (list[k]!.ms <= r.ms) {
        target = list[k];
        break;
      }
    }
    if (target) {
      target.failed = true;
      target.known = true;
      used += 1;
    } else
      accounting.exclude({
        code: "unmatched-rollback",
        reason: "rollback with no earlier deployment of that service and environment",
      });
  }
  return { counted, accounting, rollbacks: used, timeZone };
}

/** Lower median, as Apache DevLake's percent_rank ≤ 0.5 query computes it. */
function lowerMedian(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** Days grouped by `keyOf` (a week's Monday, a month), in order: deploys, days, and days with a deploy. */
function groupDays(
  perDay: readonly DeployDay[],
  keyOf: (date: string) => string,
): { key: string; count: number; days: number; deploymentDays: number }[] {
  const groups = new Map<string, { key: string; count: number; days: number; deploymentDays: number }>();
  for (const day of perDay) {
    const key = keyOf(day.date);
    const g = groups.get(key) ?? { key, count: 0, days: 0, deploymentDays: 0 };
    g.count += day.count;
    g.days += 1;
    if (day.count > 0) g.deploymentDays += 1;
    groups.set(key, g);
  }
  return [...groups.values()];
}

/**
 * Deploy frequency over a period: deploys per day (with weekends marked), per week, per calendar month, cumulative
 * (over the period and month to date), per developer, the DORA deployment-frequency tier and the change failure rate.
 *
 * Counts `deployed` deployment events to the selected environment kinds (production by default) whose outcome is
 * success or unknown; `failure`/`error` outcomes and deployments followed by a `rolled_back` event of the same
 * service and environment count as failed changes. Days, weeks (Monday first) and weekends are calendar days in
 * `timeZone`. Every record is either counted, excluded with a reason, or rejected with a reason (`accounting`); an
 * event repeated with the same `id` and `source` counts once, the repeats are excluded as duplicates.
 *
 * DORA tier (the 2023 benchmarks as Apache DevLake measures them, from deployment days): elite when the median
 * number of days with a deploy per week is ≥ 7 (on demand), high when it is ≥ 1, medium when the median number of
 * deployment days per month is ≥ 1, low otherwise.
 *
 * @throws TypeError when `events` is not an array; RangeError for a bad time zone or day; {@link NoDeploymentsError}
 *   (a RangeError) when no deployment passed the filters and neither `from` nor `to` is given.
 * @example
 * const freq = analyzeDeployFrequency(events, { timeZone: "Europe/Paris" });
 * freq.summary.averagePerWeek; // => 212.4
 * freq.dora.tier; // => "elite"
 */
export function analyzeDeployFrequency(
  events: readonly FaultlineEvent[] | readonly unknown[],
  options: DeployFrequencyOptions = {},
): DeployFrequencyResult {
  if (options.from !== undefined) checkDay(options.from, "options.from");
  if (options.to !== undefined) checkDay(options.to, "options.to");
  const weekendDays = options.weekendDays ?? [0, 6];
  if (!Array.isArray(weekendDays) || weekendDays.some((d) => !Number.isInteger(d) || d < 0 || d > 6))
    throw rangeError(`options.weekendDays must be weekday numbers 0 (Sunday) … 6 (got ${show(weekendDays)})`);
  const { counted, accounting, rollbacks, timeZone } = collectDeploys(events, options);
  const first = counted[0]?.day;
  const last = counted[counted.length - 1]?.day;
  const from = options.from ?? first ?? options.to;
  const to = options.to ?? last ?? options.from;
  if (from === undefined || to === undefined)
    throw new NoDeploymentsError(accounting.excludedCounts(), accounting.rejected);
  if (daysBetween(from, to) < 0) throw rangeError(`options.from (${from}) must not be after options.to (${to})`);

  const weekend = new Set(weekendDays);
  const days = dayRange(from, to);
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const perDayCount = new Array<number>(days.length).fill(0);
  const perDayFailed = new Array<number>(days.length).fill(0);
  const developers = new Map<string, { deploys: number; days: Set<string> }>();
  let unattributed = 0;
  let failedDeploys = 0;
  let attempts = 0;
  let failedChanges = 0;
  for (const c of counted) {
    const d = dayIndex.get(c.day);
    if (d === undefined) {
      accounting.exclude({ code: "outside-period", reason: "outside the period" });
      continue;
    }
    if (c.known) attempts += 1;
    if (c.failed) {
      failedChanges += 1;
      perDayFailed[d]! += 1;
    }
    if (c.event.outcome === "failure" || c.event.outcome === "error") {
      failedDeploys += 1;
      continue;
    }
    perDayCount[d]! += 1;
    const author = c.event.author;
    if (author === undefined) unattributed += 1;
    else {
      const dev = developers.get(author) ?? { deploys: 0, days: new Set<string>() };
      dev.deploys += 1;
      dev.days.add(c.day);
      developers.set(author, dev);
    }
  }

  let running = 0;
  let monthToDate = 0;
  const perDay: DeployDay[] = days.map((date, i) => {
    running += perDayCount[i]!;
    // Month to date restarts on the 1st; a period starting mid-month starts it from 0 on its first day.
    if (date.endsWith("-01")) monthToDate = 0;
    monthToDate += perDayCount[i]!;
    return {
      date,
      count: perDayCount[i]!,
      failed: perDayFailed[i]!,
      weekend: weekend.has(dayOfWeek(date)),
      cumulative: running,
      monthToDate,
    };
  });
  const total = running;

  const perWeek: DeployWeek[] = groupDays(perDay, mondayOf).map(({ key, ...g }) => ({ weekStart: key, ...g }));
  const fullWeeks = perWeek.filter((w) => w.days === 7);
  const perMonth: DeployMonth[] = groupDays(perDay, (date) => date.slice(0, 7)).map(({ key, ...g }) => ({
    month: key,
    ...g,
  }));
  const medianWeek = lowerMedian((fullWeeks.length > 0 ? fullWeeks : perWeek).map((w) => w.deploymentDays));
  const medianMonth = lowerMedian(perMonth.map((m) => m.deploymentDays));
  const tier: DoraTier | null =
    total === 0 ? null : medianWeek >= 7 ? "elite" : medianWeek >= 1 ? "high" : medianMonth >= 1 ? "medium" : "low";

  const weekdays = perDay.filter((d) => !d.weekend);
  const weekends = perDay.filter((d) => d.weekend);
  const sum = (list: readonly DeployDay[]): number => list.reduce((s, d) => s + d.count, 0);
  let max: { date: string; count: number } | null = null;
  for (const d of perDay)
    if (d.count > 0 && (max === null || d.count > max.count)) max = { date: d.date, count: d.count };

  const developerList = [...developers]
    .map(([author, v]) => ({
      author,
      deploys: v.deploys,
      activeDays: v.days.size,
      perDay: round(v.deploys / days.length, 3),
    }))
    .sort((a, b) => b.deploys - a.deploys || (a.author < b.author ? -1 : 1));
  const attributed = total - unattributed;
  return {
    timeZone,
    from,
    to,
    days: days.length,
    total,
    perDay,
    perWeek,
    perMonth,
    summary: {
      maxPerDay: max,
      averagePerDay: round(total / days.length, 3),
      averagePerWeekday: weekdays.length > 0 ? round(sum(weekdays) / weekdays.length, 3) : 0,
      averagePerWeekendDay: weekends.length > 0 ? round(sum(weekends) / weekends.length, 3) : 0,
      averagePerWeek: round((total / days.length) * 7, 3),
      deploymentDays: perDay.filter((d) => d.count > 0).length,
    },
    developers: developerList,
    perDeveloperPerDay: developerList.length > 0 ? round(attributed / (developerList.length * days.length), 3) : 0,
    unattributed,
    dora: {
      tier,
      label: tier === null ? "No deployment in the period" : TIER_LABELS[tier],
      medianDeploymentDaysPerWeek: medianWeek,
      medianDeploymentDaysPerMonth: medianMonth,
    },
    changeFailureRate: {
      failed: failedChanges,
      attempts,
      rate: attempts > 0 ? round(failedChanges / attempts, 4) : null,
    },
    accounting: {
      deploys: total,
      failedDeploys,
      rollbacks,
      excluded: accounting.excludedCounts(),
      rejected: accounting.rejected,
    },
  };
}
