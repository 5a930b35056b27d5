import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { labelsOf, loadErrors } from "../scripts/sample-data";
import { buildErrorGroups, type ErrorItem } from "../src/index";

const item = (message: string, extra: Partial<ErrorItem> = {}): ErrorItem => ({
  message,
  tokens: message.split(" ").map((t) => (/\d/.test(t) ? "<NUM>" : t)),
  ...extra,
});

describe("buildErrorGroups", () => {
  it("builds groups with template, medoid, terms, scopes and daily counts", () => {
    const result = buildErrorGroups(
      [
        item("liveness probe failed on port 8080", { scope: "APPLICATION", timestamp: "2026-11-02T10:00:00Z" }),
        item("liveness probe failed on port 3000 after 30 s", {
          scope: "APPLICATION",
          timestamp: "2026-11-03T10:00:00Z",
        }),
        item("liveness probe failed on port 80", { scope: "ENVIRONMENT", timestamp: "2026-11-03T11:00:00Z", count: 2 }),
        item("disk quota exceeded", { state: "DEPLOYMENT_ERROR", timestamp: "2026-11-04T01:00:00+02:00" }),
        item("something odd", { timestamp: Date.UTC(2026, 10, 4, 12) }),
      ],
      Int32Array.from([4, 4, 4, 9, -1]),
    );
    const { groups, noise, ...rest } = result;
    expect(rest).toEqual({
      total: 6,
      timeZone: "UTC",
      days: ["2026-11-02", "2026-11-03", "2026-11-04"],
      undated: 0,
      rejected: [],
    });
    expect(groups.map((g) => [g.rank, g.labels, g.count, g.items, g.sharePercent, g.template])).toEqual([
      [1, [4], 4, 3, 66.7, "liveness probe failed on port <NUM> <*>"],
      [2, [9], 1, 1, 16.7, "disk quota exceeded"],
    ]);
    const g = groups[0]!;
    // Items 0 and 2 mask to the same tokens (weight 3 together): the first of them represents the group.
    expect(g.representative).toBe("liveness probe failed on port 8080");
    expect(g.scopes).toEqual([
      { value: "APPLICATION", count: 2 },
      { value: "ENVIRONMENT", count: 2 },
    ]);
    expect(g.daily).toEqual([1, 3, 0]);
    expect(g.firstSeen).toBe("2026-11-02T10:00:00Z");
    expect(g.topTerms.slice(0, 3)).toEqual(["failed", "liveness", "port"]);
    // 01:00+02:00 is the evening before in UTC.
    expect(groups[1]!.daily).toEqual([0, 1, 0]);
    expect(noise).toMatchObject({ count: 1, items: 1, sharePercent: 16.6, examples: ["something odd"], members: [4] });
  });

  it("counts days in the requested time zone", () => {
    const r = buildErrorGroups([item("boom", { timestamp: "2026-11-02T23:30:00Z" })], [0], {
      timeZone: "Europe/Paris",
    });
    expect(r.days).toEqual(["2026-11-03"]);
  });

  it("merges near-duplicate groups and records the labels it merged", () => {
    const items = [
      item("connection refused by db host"),
      item("connection refused by db host!"),
      item("out of memory"),
    ];
    const merged = buildErrorGroups(items, [0, 1, 2]);
    expect(merged.groups.map((g) => g.labels)).toEqual([[0, 1], [2]]);
    expect(merged.groups[0]!.template).toBe("connection refused by db <*>");
    const apart = buildErrorGroups(items, [0, 1, 2], { merge: false });
    expect(apart.groups).toHaveLength(3);
  });

  it("rejects unreadable timestamps with the reason and keeps everything else", () => {
    const r = buildErrorGroups([item("a b"), item("a c", { timestamp: "yesterday" })], [0, 0]);
    expect(r.rejected).toEqual([{ index: 1, reason: 'timestamp is not a date-time (got "yesterday")' }]);
    expect(r.groups[0]!.members).toEqual([0]);
    expect(r.undated).toBe(1);
  });

  it("throws on programmer errors, naming the argument", () => {
    expect(() => buildErrorGroups([item("a")], [0, 1])).toThrow(
      "[@faultline/report] labels must have one entry per item (got 2 labels for 1 items)",
    );
    expect(() => buildErrorGroups([item("a")], [-2])).toThrow(RangeError);
    expect(() => buildErrorGroups([{ message: "a" } as ErrorItem], [0])).toThrow("items[0].tokens must be an array");
    expect(() => buildErrorGroups([item("a", { count: 0 })], [0])).toThrow("items[0].count must be a positive integer");
    expect(() => buildErrorGroups([], [], { timeZone: "Mars/Olympus" })).toThrow(RangeError);
    expect(() => buildErrorGroups([], [], { mergeDistance: 2 })).toThrow(
      "options.mergeDistance must be a number in [0, 1]",
    );
  });

  it("reproduces the sample's causes when fed the true labels (golden table)", () => {
    const { items, truth } = loadErrors("errors");
    const labels = labelsOf(truth);
    truth.forEach((t, i) => {
      if (t.startsWith("one-off")) labels[i] = -1;
    });
    const names = [...new Set(truth)];
    const r = buildErrorGroups(items, labels);
    expect(r.total).toBe(items.length);
    expect(r.groups.map((g) => `${g.sharePercent} ${g.labels.map((l) => names[l]).join("+")}`)).toMatchInlineSnapshot(`
      [
        "17 buildpack-builder-not-detected",
        "11.5 buildpack-build-failure",
        "10.5 liveness-probe-wrong-port",
        "9.5 helm-timeout",
        "9 image-pull-failure",
        "8 oom-killed",
        "6.5 registry-push-failure",
        "6 crash-at-startup",
        "6 procfile-several-processes",
        "5 dockerfile-build-error",
        "1.8 cloud-quota",
        "1.7 git-clone-failure",
        "1.5 engine-bug",
      ]
    `);
    expect(r.noise.sharePercent).toMatchInlineSnapshot(`6`);
  });

  const items = fc.array(
    fc.record({
      words: fc.array(fc.constantFrom("pod", "crashed", "disk", "full", "port", "<NUM>", "timeout"), {
        minLength: 1,
        maxLength: 6,
      }),
      count: fc.integer({ min: 1, max: 5 }),
      label: fc.integer({ min: -1, max: 4 }),
      day: fc.integer({ min: 0, max: 20 }),
    }),
    { maxLength: 60 },
  );
  test.prop([items, fc.boolean()])(
    "puts every event in exactly one group or in noise; shares sum to 100",
    (rows, merge) => {
      const input = rows.map((r) => ({
        message: r.words.join(" "),
        tokens: r.words,
        count: r.count,
        timestamp: Date.UTC(2026, 10, 1 + r.day),
      }));
      const result = buildErrorGroups(
        input,
        Int32Array.from(rows, (r) => r.label),
        { merge },
      );
      const seen = [...result.groups.flatMap((g) => g.members), ...result.noise.members].sort((a, b) => a - b);
      expect(seen).toEqual(rows.map((_, i) => i));
      const total = rows.reduce((s, r) => s + r.count, 0);
      expect(result.total).toBe(total);
      const percents = [...result.groups.map((g) => g.sharePercent), result.noise.sharePercent];
      if (total > 0) expect(percents.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
      for (const g of result.groups) {
        expect(g.daily.reduce((a, b) => a + b, 0)).toBe(g.count);
        // Every template token (not a wildcard) appears in every member, in order.
        const fixed = g.template.split(" ").filter((t) => t !== "<*>");
        for (const m of g.members) {
          let k = 0;
          for (const t of input[m]!.tokens) if (k < fixed.length && t === fixed[k]) k++;
          expect(k).toBe(fixed.length);
        }
      }
      for (let k = 1; k < result.groups.length; k++)
        expect(result.groups[k - 1]!.count).toBeGreaterThanOrEqual(result.groups[k]!.count);
    },
  );
});
