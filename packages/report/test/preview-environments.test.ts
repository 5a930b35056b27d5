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
      maxAlive: { date: "2026-11-02", count: 2 },
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
        { reason: "not a preview environment", count: 1 },
        { reason: "not an environment or change event (type deployment)", count: 1 },
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
          "count": 78,
          "date": "2026-11-23",
        },
        "meanLifetimeHours": 21.98,
        "medianLifetimeHours": 22.77,
        "p90LifetimeHours": 37.52,
        "total": 424,
      }
    `);
  });

  it("validates options", () => {
    expect(() => analyzePreviewEnvironments([], { asOf: "later" })).toThrow("options.asOf must be a date-time");
    expect(() => analyzePreviewEnvironments([], { leakAfterHours: -1 })).toThrow(RangeError);
  });
});
