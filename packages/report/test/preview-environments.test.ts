import { fc, test } from "@fast-check/vitest";
import type { ChangeEvent, EnvironmentEvent } from "@faultline/schemas";
import { describe, expect, it } from "vitest";
import { loadDeploys } from "../scripts/sample-data";
import { analyzePreviewEnvironments } from "../src/index";

const base = { source: "https://github.com/acme/web", provider: "github" as const, repository: "acme/web" };
const env = (action: EnvironmentEvent["action"], pr: number, timestamp: string): EnvironmentEvent => ({
  ...base,
  type: "environment",
  id: `env-${pr}-${action}`,
  timestamp,
  action,
  environment: { name: `pr-${pr}`, kind: "preview" },
  preview: true,
  pullRequest: pr,
  service: "web",
});
const pr = (action: ChangeEvent["action"], n: number, timestamp: string): ChangeEvent => ({
  ...base,
  type: "change",
  id: `pr-${n}-${action}`,
  timestamp,
  action,
  pullRequest: n,
});

describe("analyzePreviewEnvironments", () => {
  const events = [
    pr("opened", 1, "2026-11-02T09:00:00Z"),
    env("created", 1, "2026-11-02T09:05:00Z"),
    pr("merged", 1, "2026-11-02T15:00:00Z"),
    env("deleted", 1, "2026-11-02T15:05:00Z"),
    pr("opened", 2, "2026-11-02T10:00:00Z"),
    env("created", 2, "2026-11-02T10:02:00Z"),
    pr("merged", 2, "2026-11-03T12:00:00Z"), // never torn down: leaks
    pr("opened", 3, "2026-11-04T08:00:00Z"),
    env("created", 3, "2026-11-04T08:01:00Z"), // still open: alive
  ];

  it("tracks lifetimes, alive counts per day and leaks", () => {
    const r = analyzePreviewEnvironments(events, { asOf: "2026-11-05T12:00:00Z" });
    expect(r.environments.map((e) => [e.name, e.status, e.lifetimeHours, e.pullRequestState])).toEqual([
      ["pr-1", "destroyed", 6, "merged"],
      ["pr-2", "leaked", 73.97, "merged"],
      ["pr-3", "alive", 27.98, "open"],
    ]);
    expect(r.alivePerDay).toEqual([
      { date: "2026-11-02", count: 2 },
      { date: "2026-11-03", count: 1 },
      { date: "2026-11-04", count: 2 },
      { date: "2026-11-05", count: 2 },
    ]);
    expect(r.summary).toEqual({
      total: 3,
      destroyed: 1,
      alive: 1,
      leaked: 1,
      medianLifetimeHours: 6,
      p90LifetimeHours: 6,
      meanLifetimeHours: 6,
      // pr-1 (09:05–15:05) and pr-2 (from 10:02) overlap; pr-3 joins pr-2 on 11-04 while pr-1 is long gone.
      maxAlive: { date: "2026-11-02", at: "2026-11-02T10:02:00Z", count: 2 },
    });
  });

  it("waits leakAfterHours after the merge before calling an environment leaked", () => {
    const r = analyzePreviewEnvironments(events, { asOf: "2026-11-03T20:00:00Z", leakAfterHours: 24 });
    expect(r.environments.find((e) => e.name === "pr-2")!.status).toBe("alive");
  });

  it("accounts for every record", () => {
    const r = analyzePreviewEnvironments([
      ...events,
      {
        ...env("created", 9, "2026-11-02T09:00:00Z"),
        preview: false,
        environment: { name: "staging", kind: "staging" },
      },
      { type: "deployment" },
      env("created", 8, "soon"),
    ]);
    expect(r.accounting).toEqual({
      environmentEvents: 4,
      changeEvents: 5,
      excluded: [
        { reason: "not a preview environment", count: 1, code: "not-preview" },
        {
          reason: "not an environment or change event (type deployment)",
          count: 1,
          code: "not-preview-event",
          detail: "deployment",
        },
      ],
      rejected: [{ index: 11, reason: 'timestamp is not a date-time (got "soon")' }],
    });
  });

  it("finds the sample's leaked environments", () => {
    const r = analyzePreviewEnvironments(loadDeploys());
    expect(r.summary).toMatchInlineSnapshot(`
      {
        "alive": 1,
        "destroyed": 404,
        "leaked": 19,
        "maxAlive": {
          "at": "2026-11-23T10:01:05Z",
          "count": 62,
          "date": "2026-11-23",
        },
        "meanLifetimeHours": 21.98,
        "medianLifetimeHours": 22.77,
        "p90LifetimeHours": 37.52,
        "total": 424,
      }
    `);
  });

  it("reports an environment re-created after its deletion as alive, once per incarnation", () => {
    // Regression: PR 5 was created, deleted, then created again and never deleted. It used to come out destroyed
    // with a 4 h lifetime and 0 alive from 11-03.
    const r = analyzePreviewEnvironments([
      pr("opened", 5, "2026-11-02T09:00:00Z"),
      env("created", 5, "2026-11-02T10:00:00Z"),
      env("deleted", 5, "2026-11-02T14:00:00Z"),
      env("created", 5, "2026-11-03T10:00:00Z"),
      pr("opened", 9, "2026-11-06T00:00:00Z"),
    ]);
    expect(r.environments.map((e) => [e.name, e.status, e.createdAt, e.destroyedAt, e.lifetimeHours])).toEqual([
      ["pr-5", "destroyed", "2026-11-02T10:00:00Z", "2026-11-02T14:00:00Z", 4],
      ["pr-5", "alive", "2026-11-03T10:00:00Z", null, 62],
    ]);
    expect(r.summary).toMatchObject({ total: 2, destroyed: 1, alive: 1, leaked: 0, medianLifetimeHours: 4 });
    // 11-02 through 11-06 (asOf, the last event): one environment up each day, never zero from 11-03 on.
    expect(r.alivePerDay.map((d) => d.count)).toEqual([1, 1, 1, 1, 1]);
    expect(r.accounting.environmentEvents).toBe(3);
  });

  it("keeps the first deletion and the first creation when a webhook repeats", () => {
    const r = analyzePreviewEnvironments([
      env("created", 1, "2026-11-02T10:00:00Z"),
      env("created", 1, "2026-11-02T11:00:00Z"),
      env("modified", 1, "2026-11-02T12:00:00Z"),
      env("deleted", 1, "2026-11-02T14:00:00Z"),
      env("deleted", 1, "2026-11-02T15:00:00Z"),
    ]);
    expect(r.environments.map((e) => [e.status, e.lifetimeHours])).toEqual([["destroyed", 4]]);
    expect(r.accounting.environmentEvents).toBe(5);
  });

  it("counts environments up at the same instant, not on the same day", () => {
    // Regression: two previews 01:00–02:00 and 03:00–04:00 were "2 alive at once".
    const r = analyzePreviewEnvironments([
      env("created", 1, "2026-11-02T01:00:00Z"),
      env("deleted", 1, "2026-11-02T02:00:00Z"),
      env("created", 2, "2026-11-02T03:00:00Z"),
      env("deleted", 2, "2026-11-02T04:00:00Z"),
      // Deleted at the very instant the next one is created: never up together either.
      env("created", 3, "2026-11-02T05:00:00Z"),
      env("deleted", 3, "2026-11-02T06:00:00Z"),
      env("created", 4, "2026-11-02T06:00:00Z"),
    ]);
    expect(r.summary.maxAlive).toEqual({ date: "2026-11-02", at: "2026-11-02T01:00:00Z", count: 1 });
    expect(r.alivePerDay).toEqual([{ date: "2026-11-02", count: 4 }]);
  });

  it("finds the sample's true peak", () => {
    expect(analyzePreviewEnvironments(loadDeploys()).summary.maxAlive).toEqual({
      date: "2026-11-23",
      at: "2026-11-23T10:01:05Z",
      count: 62,
    });
  });

  it("says there is no as-of instant when there is no event", () => {
    const r = analyzePreviewEnvironments([{ type: "deployment" }]);
    expect(r.asOf).toBeNull();
    expect(r.summary.maxAlive).toBeNull();
    expect(r.alivePerDay).toEqual([]);
  });

  describe("services, from and to", () => {
    const other = (action: EnvironmentEvent["action"], n: number, timestamp: string): EnvironmentEvent => ({
      ...env(action, n, timestamp),
      service: "api",
      repository: "acme/api",
    });
    const mixed = [
      env("created", 1, "2026-11-01T10:00:00Z"),
      env("deleted", 1, "2026-11-02T10:00:00Z"), // gone before the period
      env("created", 2, "2026-11-03T10:00:00Z"), // up across the start of the period
      env("deleted", 2, "2026-11-05T10:00:00Z"),
      env("created", 3, "2026-11-06T10:00:00Z"), // up across its end, deleted after it
      env("deleted", 3, "2026-11-09T10:00:00Z"),
      env("created", 4, "2026-11-08T10:00:00Z"), // created after it
      pr("merged", 2, "2026-11-05T09:00:00Z"),
      pr("merged", 3, "2026-11-08T09:00:00Z"), // after the period: excluded
      other("created", 7, "2026-11-05T10:00:00Z"),
    ];

    it("keeps the selected apps' environments alive during the period, as of its end", () => {
      const r = analyzePreviewEnvironments(mixed, { services: ["web"], from: "2026-11-04", to: "2026-11-06" });
      expect(r.asOf).toBe("2026-11-06T23:59:59.999Z");
      expect([r.from, r.to, r.services]).toEqual(["2026-11-04", "2026-11-06", ["web"]]);
      expect(r.environments.map((e) => [e.name, e.status, e.pullRequestState])).toEqual([
        ["pr-2", "destroyed", "merged"],
        ["pr-3", "alive", "unknown"], // merged after the period: not yet known at its end
      ]);
      expect(r.alivePerDay).toEqual([
        { date: "2026-11-04", count: 1 },
        { date: "2026-11-05", count: 1 },
        { date: "2026-11-06", count: 1 },
      ]);
      // Clipped to the period: pr-2 is up when it starts.
      expect(r.summary.maxAlive).toEqual({ date: "2026-11-04", at: "2026-11-04T00:00:00Z", count: 1 });
      expect(r.accounting).toEqual({
        environmentEvents: 3,
        changeEvents: 1,
        excluded: [
          { reason: "after the as-of instant", count: 3, code: "after-as-of" },
          { reason: "not alive in the period", count: 2, code: "not-alive" },
          { reason: "service not selected", count: 1, code: "service" },
        ],
        rejected: [],
      });
    });

    it("says nothing matched rather than failing", () => {
      const r = analyzePreviewEnvironments(mixed, { services: ["nope"], from: "2026-11-04", to: "2026-11-06" });
      expect(r.summary.total).toBe(0);
      expect(r.alivePerDay.map((d) => d.count)).toEqual([0, 0, 0]);
    });

    it("validates them", () => {
      expect(() => analyzePreviewEnvironments([], { from: "11/04" })).toThrow(RangeError);
      expect(() => analyzePreviewEnvironments([], { from: "2026-11-05", to: "2026-11-04" })).toThrow(
        "must not be after",
      );
      expect(() => analyzePreviewEnvironments([], { services: "web" as never })).toThrow(TypeError);
    });
  });

  // Random environments of a few pull requests: created, deleted, re-created, over a few days.
  const timeline = fc.array(
    fc.record({
      pr: fc.integer({ min: 1, max: 6 }),
      action: fc.constantFrom("created" as const, "deleted" as const, "modified" as const),
      minute: fc.integer({ min: 0, max: 5 * 24 * 60 }),
      service: fc.constantFrom("web", "api"),
    }),
    { maxLength: 40 },
  );
  const toEvents = (t: { pr: number; action: EnvironmentEvent["action"]; minute: number; service: string }[]) =>
    t.map((x, i) => ({
      ...env(x.action, x.pr, new Date(Date.UTC(2026, 10, 2) + x.minute * 60_000).toISOString()),
      id: `e${i}`,
      service: x.service,
      repository: `acme/${x.service}`,
    }));
  const period = fc
    .tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }))
    .map(([a, b]) => [Math.min(a, b), Math.max(a, b)].map((d) => `2026-11-0${2 + d}`));

  test.prop([timeline, fc.option(period, { nil: undefined }), fc.boolean()])(
    "the peak is the most environments up at one instant, and every record is accounted for",
    (t, p, filterApp) => {
      const events = toEvents(t);
      const options = {
        ...(p ? { from: p[0]!, to: p[1]! } : {}),
        ...(filterApp ? { services: ["web"] } : {}),
      };
      const r = analyzePreviewEnvironments(events, options);
      const a = r.accounting;
      expect(a.environmentEvents + a.changeEvents + a.excluded.reduce((s, e) => s + e.count, 0)).toBe(events.length);
      // Brute force: count the half-open intervals [created, destroyed) holding each instant where one starts.
      const start = p ? Date.parse(`${p[0]}T00:00:00Z`) : Number.NEGATIVE_INFINITY;
      const spans = r.environments
        .filter((e) => e.createdAt !== null)
        .map((e) => [Math.max(Date.parse(e.createdAt!), start), e.destroyedAt ? Date.parse(e.destroyedAt) : Infinity])
        .filter(([c, d]) => d! > c!);
      let best = 0;
      for (const [c] of spans) best = Math.max(best, spans.filter(([s, d]) => s! <= c! && c! < d!).length);
      expect(r.summary.maxAlive?.count ?? 0).toBe(best);
      if (r.summary.maxAlive) {
        const at = Date.parse(r.summary.maxAlive.at);
        expect(spans.filter(([s, d]) => s! <= at && at < d!).length).toBe(best);
        // Up together is a stricter test than up on the same day.
        const day = r.alivePerDay.find((d) => d.date === r.summary.maxAlive!.date);
        expect(day?.count ?? Infinity).toBeGreaterThanOrEqual(best);
      }
      // One environment of a pull request is up at a time, and only the latest incarnation can be.
      const up = r.environments.filter((e) => e.status !== "destroyed");
      expect(new Set(up.map((e) => `${e.repository}#${e.pullRequest}`)).size).toBe(up.length);
      if (filterApp) expect(r.environments.every((e) => e.service === "web")).toBe(true);
    },
  );

  it("validates options", () => {
    expect(() => analyzePreviewEnvironments([], { asOf: "later" })).toThrow("options.asOf must be a date-time");
    expect(() => analyzePreviewEnvironments([], { leakAfterHours: -1 })).toThrow(RangeError);
  });
});
