// Shared plumbing for the deploy analyses: instant parsing with per-record rejection, and tallies of records that
// are out of scope, so every input record is accounted for.
import type { RejectedItem } from "../error-groups";
import { show } from "./assert";
import { parseInstant } from "./time";

/** Records an analysis left out on purpose, by reason. */
export interface ExcludedCount {
  reason: string;
  count: number;
}

export class Accounting {
  readonly rejected: RejectedItem[] = [];
  private readonly excluded = new Map<string, number>();

  exclude(reason: string): void {
    this.excluded.set(reason, (this.excluded.get(reason) ?? 0) + 1);
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
    return [...this.excluded]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
