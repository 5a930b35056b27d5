import type { DeploymentEvent } from "@faultline/schemas";
import { describe, expect, it } from "vitest";
import { loadDeploys, loadMetric } from "../scripts/sample-data";
import { analyzeMetricChanges, buildDailySeries, findSuspectDeploys } from "../src/index";
import { createRandom } from "../src/internal/random";

const deploy = (id: string, timestamp: string, extra: Partial<DeploymentEvent> = {}): DeploymentEvent => ({
  type: "deployment",
  id,
  source: "s",
  provider: "github",
  timestamp,
  kind: "deployed",
  outcome: "success",
  service: "checkout",
  environment: { name: "production", kind: "production" },
  commitMessage: `commit ${id}`,
  ...extra,
});

describe("buildDailySeries", () => {
  const point = (timestamp: string, value: number, name = "signups", dimensions?: Record<string, string>): unknown => ({
    type: "metric",
    name,
    timestamp,
    value,
    ...(dimensions ? { dimensions } : {}),
  });

  it("aggregates per day, fills gaps by interpolation and accounts for every point", () => {
    const s = buildDailySeries(
      [
        point("2026-11-01T10:00:00Z", 4),
        point("2026-11-01T20:00:00Z", 6),
        point("2026-11-04T10:00:00Z", 8),
        point("2026-11-02T10:00:00Z", 99, "other"),
        point("2026-11-02T10:00:00Z", 99, "signups", { app: "web" }),
        point("bad", 1),
        { type: "metric", name: "signups", timestamp: "2026-11-02T10:00:00Z", value: "7" },
      ],
      { name: "signups", dimensions: {} },
    );
    expect(s.dates).toEqual(["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04"]);
    expect(s.values).toEqual([5, 99, 53.5, 8]);
    expect(s.imputed).toEqual(["2026-11-03"]);
    expect(s.accounting).toEqual({
      points: 4,
      excluded: [{ reason: "other metric (other)", count: 1, code: "other-metric", detail: "other" }],
      rejected: [
        { index: 5, reason: 'timestamp is not a date-time (got "bad")' },
        { index: 6, reason: 'value must be a finite number (got "7")' },
      ],
    });
    expect(
      buildDailySeries([point("2026-11-01T10:00:00Z", 4), point("2026-11-01T20:00:00Z", 6)], { aggregate: "sum" })
        .values,
    ).toEqual([10]);
  });

  it("filters by dimensions and asks for a name when metrics are mixed", () => {
    const pts = [
      point("2026-11-01T10:00:00Z", 1, "a", { app: "x" }),
      point("2026-11-01T10:00:00Z", 2, "a", { app: "y" }),
    ];
    expect(buildDailySeries(pts, { dimensions: { app: "y" } }).values).toEqual([2]);
    expect(() => buildDailySeries([...pts, point("2026-11-01T10:00:00Z", 1, "b")])).toThrow(
      "points hold several metrics (a, b): pass options.name",
    );
    expect(() => buildDailySeries([], {})).toThrow(RangeError);
  });
});

describe("findSuspectDeploys", () => {
  const events = [
    deploy("a", "2026-11-16T15:00:00Z"),
    deploy("b", "2026-11-16T22:00:00Z", { service: "web" }),
    deploy("c", "2026-11-16T23:00:00Z", { environment: { name: "staging", kind: "staging" } }),
    deploy("d", "2026-11-17T02:00:00Z"), // after the change
    deploy("e", "2026-11-16T20:00:00Z", { outcome: "failure" }), // failed: changed nothing
    deploy("f", "2026-11-13T10:00:00Z"), // outside the window
    deploy("g", "2026-11-16T21:00:00Z", { environment: { name: "pr-1", kind: "preview" } }),
  ];

  it("ranks same service, then production, then before-the-change, then proximity", () => {
    const s = findSuspectDeploys("2026-11-17T00:00:00Z", events, { preferService: "checkout" });
    expect(s.map((x) => [x.rank, x.id, x.hoursBefore])).toEqual([
      [1, "a", 9],
      [2, "d", -2],
      [3, "c", 1],
      [4, "b", 2],
    ]);
  });

  it("lists a deploy saved twice (same id and source) once", () => {
    const twice = [...events, { ...events[0]! }];
    const s = findSuspectDeploys("2026-11-17T00:00:00Z", twice, { preferService: "checkout" });
    expect(s.map((x) => x.id)).toEqual(["a", "d", "c", "b"]);
  });

  it("filters by service and honours the limit", () => {
    expect(findSuspectDeploys("2026-11-17T00:00:00Z", events, { services: ["web"] }).map((x) => x.id)).toEqual(["b"]);
    expect(findSuspectDeploys("2026-11-17T00:00:00Z", events, { limit: 1 })).toHaveLength(1);
    expect(() => findSuspectDeploys("soon", events)).toThrow("changeAt must be a date-time");
  });
});

describe("analyzeMetricChanges", () => {
  it("finds the sample's drop and ranks the culprit deploy first", () => {
    const r = analyzeMetricChanges(loadMetric(), loadDeploys(), { dimensions: { app: "checkout" } });
    expect(r.changes.map((c) => [c.date, c.before, c.after, c.magnitude])).toMatchInlineSnapshot(`
      [
        [
          "2026-11-17",
          3.207601,
          2.632596,
          5.54,
        ],
      ]
    `);
    const top = r.changes[0]!.suspects[0]!;
    expect([top.service, top.author, top.commitMessage]).toEqual([
      "checkout",
      "hana",
      "feat(checkout): one-page checkout with address autocomplete",
    ]);
    expect(r.series).toHaveLength(30);
    expect(r.outliers).toEqual(["2026-10-31", "2026-11-12"]);
  });

  it("estimates the instant of a change from a partly affected day", () => {
    // Level 10, then 20 from 18:00 on day 10: day 10 is a quarter at the new level.
    const noise = createRandom(11);
    const points = Array.from({ length: 20 }, (_, d) => ({
      type: "metric",
      name: "m",
      timestamp: new Date(Date.UTC(2026, 10, 1 + d)).toISOString(),
      value: (d < 9 ? 10 : d === 9 ? 12.5 : 20) + 0.3 * noise.normal(),
    }));
    const r = analyzeMetricChanges(points, [deploy("x", "2026-11-10T17:50:00Z"), deploy("y", "2026-11-10T06:00:00Z")], {
      detection: { period: 0 },
    });
    expect(r.changes.map((c) => c.date)).toEqual(["2026-11-11"]);
    const at = Date.parse(r.changes[0]!.estimatedAt);
    expect(Math.abs(at - Date.parse("2026-11-10T18:00:00Z"))).toBeLessThan(2 * 3_600_000);
    expect(r.changes[0]!.suspects[0]!.id).toBe("x");
  });
});
