// Shared plumbing for the deploy analyses: instant parsing with per-record rejection, and tallies of records that
// are out of scope, so every input record is accounted for.
import type { RejectedItem } from "../error-groups";
import { show } from "./assert";
import { parseInstant } from "./time";

/**
 * Why an analysis left records out, as a stable code (the `reason` is its human wording):
 * - `not-deployment`, `not-preview-event`, `not-metric`: a record of another type (`detail`: the type);
 * - `duplicate`: the same `id` and `source` as an earlier event;
 * - `kind`: a deployment event other than `deployed` / `rolled_back` (`detail`: the kind);
 * - `no-environment`, `environment-kind` (`detail`: the kind): not of a selected environment kind;
 * - `not-preview`: an environment event of no preview environment;
 * - `service`: not of a selected service;
 * - `outcome`: a deployment with an outcome that does not count (`detail`: the outcome, `cancelled`);
 * - `unmatched-rollback`: a rollback with no earlier deployment of its service and environment;
 * - `outside-period`, `after-as-of`, `not-alive`: outside the period, after the as-of instant, not alive in the period;
 * - `other-metric` (`detail`: the name), `dimensions`: a metric point of another metric or other dimensions.
 */
export type ExclusionCode =
  | "not-deployment"
  | "not-preview-event"
  | "not-metric"
  | "duplicate"
  | "kind"
  | "no-environment"
  | "environment-kind"
  | "not-preview"
  | "service"
  | "outcome"
  | "unmatched-rollback"
  | "outside-period"
  | "after-as-of"
  | "not-alive"
  | "other-metric"
  | "dimensions";

/** One reason for leaving records out: its code, the value it is about (an event type, a kind…) and its wording. */
export interface Exclusion {
  code: ExclusionCode;
  /** The event type, environment kind, deployment kind, outcome or metric name the code is about, when it has one. */
  detail?: string;
  reason: string;
}

/** Records an analysis left out on purpose, by reason. */
export interface ExcludedCount extends Exclusion {
  count: number;
}

export class Accounting {
  readonly rejected: RejectedItem[] = [];
  // Keyed by the wording, which is unique per code and detail.
  private readonly excluded = new Map<string, ExcludedCount>();

  /** Counts `count` records (one by default) left out for `why`. */
  exclude(why: Exclusion, count = 1): void {
    if (count <= 0) return;
    const entry = this.excluded.get(why.reason);
    if (entry) entry.count += count;
    else this.excluded.set(why.reason, { ...why, count });
  }

  reject(index: number, reason: string): void {
    this.rejected.push({ index, reason });
  }

  /** Parses `record[field]` as an instant, or rejects the record and returns undefined. */
  instant(index: number, record: Record<string, unknown>, field: string): number | undefined {
    const value = record[field];
    const ms = parseInstant(value);
    if (ms === undefined) this.reject(index, `${field} is not a date-time (got ${show(value)})`);
    return ms;
  }

  excludedCounts(): ExcludedCount[] {
    return [...this.excluded.values()]
      .map(({ reason, count, code, detail }) => ({ reason, count, code, ...(detail === undefined ? {} : { detail }) }))
      .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Returns a function telling whether a record repeats an earlier one: events are unique on (`source`, `id`), as the
 * collector stores them, so a file that repeats one (two exports concatenated, a webhook saved twice) holds one event.
 * Records without a string `source` and `id` are never repeats. The analyses call it right after the type check,
 * before any other filter, so the first of the copies is the one they keep.
 */
export function createRepeatCheck(): (record: Record<string, unknown>) => boolean {
  const seen = new Set<string>();
  return (record) => {
    if (typeof record.source !== "string" || typeof record.id !== "string") return false;
    const key = `${record.source}\u0000${record.id}`;
    if (seen.has(key)) return true;
    seen.add(key);
    return false;
  };
}
