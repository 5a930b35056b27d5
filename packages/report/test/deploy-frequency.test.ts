import { fc, test } from "@fast-check/vitest";
import type { DeploymentEvent } from "@faultline/schemas";
import { describe, expect, it } from "vitest";
import { loadDeploys } from "../scripts/sample-data";
import { analyzeDeployFrequency, compareDeployFrequency, deploysNotCounted, NoDeploymentsError } from "../src/index";

let seq = 0;
const deploy = (timestamp: string, extra: Partial<DeploymentEvent> = {}): DeploymentEvent => ({
  type: "deployment",
  id: `d${++seq}`,
  source: "https://github.com/acme/api",
  provider: "github",
  timestamp,
  kind: "deployed",
  outcome: "success",
  service: "api",
  environment: { name: "production", kind: "production" },
  author: "ana",
  ...extra,
});

describe("analyzeDeployFrequency", () => {
  it("counts per day with weekends marked, per week, cumulative and per developer", () => {
    const events = [
      deploy("2026-11-06T10:00:00Z"), // Friday
      deploy("2026-11-06T15:00:00Z", { author: "bo" }),
      deploy("2026-11-07T09:00:00Z"), // Saturday
      deploy("2026-11-09T09:00:00Z", { outcome: "failure" }), // Monday: a failed attempt, not a deploy
      deploy("2026-11-09T10:00:00Z", { environment: { name: "pr-4", kind: "preview" } }),
    ];
    const r = analyzeDeployFrequency(events);
    expect(r.perDay).toEqual([
      { date: "2026-11-06", count: 2, failed: 0, weekend: false, cumulative: 2, monthToDate: 2 },
      { date: "2026-11-07", count: 1, failed: 0, weekend: true, cumulative: 3, monthToDate: 3 },
      { date: "2026-11-08", count: 0, failed: 0, weekend: true, cumulative: 3, monthToDate: 3 },
      { date: "2026-11-09", count: 0, failed: 1, weekend: false, cumulative: 3, monthToDate: 3 },
    ]);
    expect(r.perMonth).toEqual([{ month: "2026-11", count: 3, days: 4, deploymentDays: 2 }]);
    expect(r.perWeek).toEqual([
      { weekStart: "2026-11-02", count: 3, days: 3, deploymentDays: 2 },
      { weekStart: "2026-11-09", count: 0, days: 1, deploymentDays: 0 },
    ]);
    expect(r.summary).toEqual({
      maxPerDay: { date: "2026-11-06", count: 2 },
      averagePerDay: 0.75,
      averagePerWeekday: 1,
      averagePerWeekendDay: 0.5,
      averagePerWeek: 5.25,
      deploymentDays: 2,
    });
    expect(r.developers).toEqual([
      { author: "ana", deploys: 2, activeDays: 2, perDay: 0.5 },
      { author: "bo", deploys: 1, activeDays: 1, perDay: 0.25 },
    ]);
    expect(r.perDeveloperPerDay).toBe(0.375);
    expect(r.changeFailureRate).toEqual({ failed: 1, attempts: 4, rate: 0.25 });
    expect(r.accounting).toEqual({
      deploys: 3,
      failedDeploys: 1,
      rollbacks: 0,
      excluded: [{ reason: "environment kind preview", count: 1, code: "environment-kind", detail: "preview" }],
      rejected: [],
    });
  });

  it("uses the time zone for days and weekends", () => {
    // 23:30 UTC on Friday is already Saturday in Paris.
    const r = analyzeDeployFrequency([deploy("2026-11-06T23:30:00Z")], { timeZone: "Europe/Paris" });
    expect(r.perDay).toEqual([
      { date: "2026-11-07", count: 1, failed: 0, weekend: true, cumulative: 1, monthToDate: 1 },
    ]);
    expect(
      analyzeDeployFrequency([deploy("2026-11-06T23:30:00Z")], { timeZone: "America/New_York" }).perDay[0]!.date,
    ).toBe("2026-11-06");
  });

  it("marks the deployment a rollback remediates as a failed change", () => {
    const r = analyzeDeployFrequency([
      deploy("2026-11-02T10:00:00Z"),
      deploy("2026-11-02T12:00:00Z"),
      deploy("2026-11-02T12:30:00Z", { kind: "rolled_back" }),
    ]);
    expect(r.changeFailureRate).toEqual({ failed: 1, attempts: 2, rate: 0.5 });
    expect(r.total).toBe(2);
    expect(r.accounting.rollbacks).toBe(1);
  });

  it.each([
    // deployment days per week → tier (DevLake's reading of the DORA 2023 benchmarks)
    [7, "elite"],
    [3, "high"],
    [1, "high"],
  ] as const)("classifies %i deployment days a week as %s", (perWeek, tier) => {
    const events = [];
    for (let w = 0; w < 4; w++)
      for (let d = 0; d < perWeek; d++)
        events.push(deploy(`2026-11-${String(2 + w * 7 + d).padStart(2, "0")}T10:00:00Z`));
    const r = analyzeDeployFrequency(events, { from: "2026-11-02", to: "2026-11-29" });
    expect(r.dora.tier).toBe(tier);
    expect(r.dora.medianDeploymentDaysPerWeek).toBe(perWeek);
  });

  it("is medium with a deploy every two weeks and low with none in most months", () => {
    const twoWeekly = ["2026-09-01", "2026-09-15", "2026-09-29", "2026-10-13", "2026-10-27"].map((d) =>
      deploy(`${d}T10:00:00Z`),
    );
    expect(analyzeDeployFrequency(twoWeekly, { from: "2026-09-01", to: "2026-10-31" }).dora.tier).toBe("medium");
    const rare = [deploy("2026-01-10T10:00:00Z")];
    expect(analyzeDeployFrequency(rare, { from: "2026-01-01", to: "2026-06-30" }).dora.tier).toBe("low");
  });

  it("reads the sample month (golden figures)", () => {
    const r = analyzeDeployFrequency(loadDeploys());
    expect([r.from, r.to, r.total, r.summary.maxPerDay, r.dora.tier, r.changeFailureRate]).toMatchInlineSnapshot(`
      [
        "2026-10-26",
        "2026-11-24",
        388,
        {
          "count": 34,
          "date": "2026-11-13",
        },
        "high",
        {
          "attempts": 418,
          "failed": 34,
          "rate": 0.0813,
        },
      ]
    `);
    const { excluded, rejected, ...counts } = r.accounting;
    expect(
      counts.deploys +
        counts.failedDeploys +
        counts.rollbacks +
        excluded.reduce((s, e) => s + e.count, 0) +
        rejected.length,
    ).toBe(loadDeploys().length);
  });

  it("rejects records with a bad timestamp and excludes other events, losing none", () => {
    const r = analyzeDeployFrequency([deploy("2026-11-02T10:00:00Z"), deploy("not a date"), { type: "change" }, 42]);
    expect(r.accounting.rejected).toEqual([
      { index: 1, reason: 'timestamp is not a date-time (got "not a date")' },
      { index: 3, reason: "event is not an object (got 42)" },
    ]);
    expect(r.accounting.excluded).toEqual([
      { reason: "not a deployment (type change)", count: 1, code: "not-deployment", detail: "change" },
    ]);
  });

  it("counts per calendar month, with a month-to-date total that restarts on the 1st", () => {
    const r = analyzeDeployFrequency(
      [deploy("2026-10-30T10:00:00Z"), deploy("2026-10-31T10:00:00Z"), deploy("2026-11-01T10:00:00Z")],
      { from: "2026-10-29", to: "2026-11-02" },
    );
    expect(r.perDay.map((d) => [d.date, d.cumulative, d.monthToDate])).toEqual([
      ["2026-10-29", 0, 0],
      ["2026-10-30", 1, 1],
      ["2026-10-31", 2, 2],
      ["2026-11-01", 3, 1],
      ["2026-11-02", 3, 1],
    ]);
    expect(r.perMonth).toEqual([
      { month: "2026-10", count: 2, days: 3, deploymentDays: 2 },
      { month: "2026-11", count: 1, days: 2, deploymentDays: 1 },
    ]);
  });

  it("deploysNotCounted leaves out environment and change events, keeps unknown types and groups rejections", () => {
    const d = deploy("2026-11-02T10:00:00Z");
    const r = analyzeDeployFrequency([
      d,
      { ...d },
      deploy("2026-11-02T11:00:00Z", { environment: undefined }),
      { type: "metric", name: "x", value: 1, timestamp: "2026-11-02T10:00:00Z" },
      { type: "change", timestamp: "2026-11-02T10:00:00Z" },
      { type: "environment", timestamp: "2026-11-02T10:00:00Z" },
      { ...deploy("x"), timestamp: "soon" },
      { ...deploy("x"), timestamp: "later" },
    ]);
    expect(deploysNotCounted(r.accounting)).toEqual({
      excluded: [
        { reason: "duplicate (same id and source as an earlier event)", count: 1, code: "duplicate" },
        { reason: "no environment (set environmentKinds: null to count it)", count: 1, code: "no-environment" },
        { reason: "not a deployment (type metric)", count: 1, code: "not-deployment", detail: "metric" },
      ],
      rejected: [{ reason: "timestamp is not a date-time", count: 2 }],
      total: 5,
    });
  });

  it("counts an event repeated with the same id and source once, and says how many repeats it dropped", () => {
    const once = deploy("2026-11-02T10:00:00Z");
    const other = deploy("2026-11-03T10:00:00Z");
    // Same id from another source is another event.
    const elsewhere = { ...once, source: "https://gitlab.com/acme/api" };
    const r = analyzeDeployFrequency([once, { ...once }, other, elsewhere, { ...other }]);
    expect(r.total).toBe(3);
    expect(r.accounting.excluded).toEqual([
      { reason: "duplicate (same id and source as an earlier event)", count: 2, code: "duplicate" },
    ]);
  });

  it("when nothing passes the filters, the error lists what became of the records", () => {
    const events = [
      deploy("2026-11-02T10:00:00Z", { environment: { name: "stg", kind: "staging" } }),
      deploy("2026-11-03T10:00:00Z", { environment: undefined }),
      deploy("2026-11-04T10:00:00Z", { service: "web" }),
    ];
    let error: unknown;
    try {
      analyzeDeployFrequency(events, { services: ["chekout"] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NoDeploymentsError);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as NoDeploymentsError).excluded).toEqual([
      { reason: "environment kind staging", count: 1, code: "environment-kind", detail: "staging" },
      { reason: "no environment (set environmentKinds: null to count it)", count: 1, code: "no-environment" },
      { reason: "service not selected", count: 1, code: "service" },
    ]);
    expect((error as Error).message).toMatch(/\(1 environment kind staging; .*1 service not selected\)/);
  });

  it("throws on bad options and on an empty period", () => {
    expect(() => analyzeDeployFrequency([], { timeZone: "Nowhere/City" })).toThrow(RangeError);
    expect(() => analyzeDeployFrequency([])).toThrow("pass options.from and options.to");
    expect(() => analyzeDeployFrequency([], { from: "2026-02-30" })).toThrow(
      'options.from must be a calendar day "YYYY-MM-DD"',
    );
    expect(() => analyzeDeployFrequency("x" as never)).toThrow(TypeError);
  });

  test.prop([fc.array(fc.integer({ min: 0, max: 40 * 24 }), { maxLength: 80 })])(
    "cumulative counts never decrease",
    (hours) => {
      const events = hours.map((h) => deploy(new Date(Date.UTC(2026, 9, 1) + h * 3_600_000).toISOString()));
      const r = analyzeDeployFrequency(events, { from: "2026-10-01", to: "2026-11-10" });
      for (let i = 1; i < r.perDay.length; i++)
        expect(r.perDay[i]!.cumulative).toBeGreaterThanOrEqual(r.perDay[i - 1]!.cumulative);
      expect(r.perDay.at(-1)!.cumulative).toBe(r.total);
      expect(r.perWeek.reduce((s, w) => s + w.count, 0)).toBe(r.total);
      expect(r.perMonth.reduce((s, m) => s + m.count, 0)).toBe(r.total);
      // The last day of each month carries that month's total.
      for (const m of r.perMonth)
        expect(r.perDay.findLast((d) => d.date.startsWith(m.month))!.monthToDate).toBe(m.count);
    },
  );
});

describe("compareDeployFrequency", () => {
  it("gives the before/after multiplier normalised by period length", () => {
    const events = [
      ...Array.from({ length: 20 }, (_, i) => deploy(`2026-10-0${1 + (i % 7)}T10:00:00Z`)),
      ...Array.from({ length: 850 }, (_, i) => deploy(`2026-11-0${1 + (i % 7)}T10:00:00Z`)),
    ];
    const r = compareDeployFrequency(events, {
      before: { from: "2026-10-01", to: "2026-10-07" },
      after: { from: "2026-11-01", to: "2026-11-07" },
    });
    expect(r).toEqual({
      before: { from: "2026-10-01", to: "2026-10-07", days: 7, deploys: 20, perDay: 2.857, perWeek: 20 },
      after: { from: "2026-11-01", to: "2026-11-07", days: 7, deploys: 850, perDay: 121.429, perWeek: 850 },
      multiplier: 42.5,
    });
  });

  it("returns a null multiplier when nothing was deployed before, and validates periods", () => {
    const r = compareDeployFrequency([deploy("2026-11-02T10:00:00Z")], {
      before: { from: "2026-10-01", to: "2026-10-07" },
      after: { from: "2026-11-01", to: "2026-11-07" },
    });
    expect(r.multiplier).toBeNull();
    expect(() =>
      compareDeployFrequency([], {
        before: { from: "2026-10-08", to: "2026-10-01" },
        after: { from: "2026-11-01", to: "2026-11-07" },
      }),
    ).toThrow("options.before.from (2026-10-08) must not be after options.before.to (2026-10-01)");
  });
});
