import { readFileSync } from "node:fs";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { buildDailySeries, parseMetricCsv } from "../src/index";

describe("parseMetricCsv", () => {
  it("reads the bundled sample metric: one point per day, app as a dimension", () => {
    const text = readFileSync(new URL("./fixtures/metric.csv", import.meta.url), "utf8");
    const { points, rejected } = parseMetricCsv(text);
    expect(rejected).toEqual([]);
    expect(points).toHaveLength(text.trim().split("\n").length - 1);
    expect(points[0]).toEqual({
      type: "metric",
      name: "checkout_conversion_rate",
      timestamp: "2026-10-26T00:00:00.000Z",
      value: points[0]!.value,
      dimensions: { app: "checkout" },
    });
  });

  it("reads dates as local midnight in the time zone, across a DST change", () => {
    const { points } = parseMetricCsv("date,value\n2026-03-28,1\n2026-03-30,2\n", { timeZone: "Europe/Paris" });
    expect(points.map((p) => p.timestamp)).toEqual(["2026-03-27T23:00:00.000Z", "2026-03-29T22:00:00.000Z"]);
  });

  it("reads a date whose midnight is skipped (Santiago, Havana) as that day, not the day before", () => {
    // 2026-09-06 in Santiago starts at 01:00 (-03:00): 00:00 does not exist.
    const text = "date,value\n2026-09-05,3\n2026-09-06,4\n2026-09-07,5\n";
    const { points } = parseMetricCsv(text, { timeZone: "America/Santiago" });
    expect(points.map((p) => p.timestamp)).toEqual([
      "2026-09-05T04:00:00.000Z",
      "2026-09-06T04:00:00.000Z",
      "2026-09-07T03:00:00.000Z",
    ]);
    const series = buildDailySeries(points, { timeZone: "America/Santiago" });
    expect(series.dates).toEqual(["2026-09-05", "2026-09-06", "2026-09-07"]);
    expect(series.values).toEqual([3, 4, 5]);
    expect(series.imputed).toEqual([]);
    const havana = parseMetricCsv("date,value\n2026-03-08,1\n", { timeZone: "America/Havana" });
    expect(havana.points[0]!.timestamp).toBe("2026-03-08T05:00:00.000Z");
  });

  it("keeps ISO date-times with an offset, quoted fields and a default name", () => {
    const { points } = parseMetricCsv('timestamp,value,region\n2026-11-17T10:00:00+02:00,"3.5","eu, west"\n', {
      name: "signups",
    });
    expect(points).toEqual([
      {
        type: "metric",
        name: "signups",
        timestamp: "2026-11-17T08:00:00.000Z",
        value: 3.5,
        dimensions: { region: "eu, west" },
      },
    ]);
  });

  it.each([
    ["date,value\n2026-13-01,1\n", 2, "date: expected a date"],
    ["date,value\n2026-11-01,abc\n", 2, "value: expected a finite number"],
    ["date,value\n2026-11-01,\n", 2, "value: expected a finite number"],
    ["date,value\n2026-11-01,1,extra\n", 2, "expected 2 fields as in the header, found 3"],
    ["day,app\n2026-11-01,checkout\n", 2, "has no value column, and no other column holds only numbers"],
    ["when,amount\n2026-11-01,1\n", 2, "has no time column (timestamp, date, day, time); it has when, amount"],
    ["date,value\n2026-11-01 10:00,1\n2026-11-02T10:00,x\n", 3, "value"],
  ])("rejects %j at line %i with a reason naming the field", (text, line, reason) => {
    const { rejected } = parseMetricCsv(text);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.line).toBe(line);
    expect(rejected[0]!.reason).toContain(reason);
  });

  it("reads a wide table: one metric per numeric column, text columns as dimensions, empty cells skipped", () => {
    const text = "Date,Signups,Revenue,App\n2026-11-01,10,99.5,web\n2026-11-02,,120,web\n2026-11-03,,,web\n";
    const { points, rejected } = parseMetricCsv(text);
    expect(points).toEqual([
      { type: "metric", name: "Signups", timestamp: "2026-11-01T00:00:00.000Z", value: 10, dimensions: { App: "web" } },
      {
        type: "metric",
        name: "Revenue",
        timestamp: "2026-11-01T00:00:00.000Z",
        value: 99.5,
        dimensions: { App: "web" },
      },
      {
        type: "metric",
        name: "Revenue",
        timestamp: "2026-11-02T00:00:00.000Z",
        value: 120,
        dimensions: { App: "web" },
      },
    ]);
    expect(rejected).toEqual([{ line: 4, reason: "no value in Signups, Revenue" }]);
  });

  it("throws on a bad time zone", () => {
    expect(() => parseMetricCsv("date,value\n", { timeZone: "Mars/Olympus" })).toThrow(RangeError);
  });

  test.prop([
    fc.array(fc.tuple(fc.oneof(fc.constant("2026-11-01"), fc.string()), fc.oneof(fc.double(), fc.string())), {
      maxLength: 30,
    }),
  ])("accounts for every data row: a point or a rejection", (rows) => {
    const text = `date,value\n${rows.map(([d, v]) => `"${String(d).replace(/"/g, '""')}","${String(v).replace(/"/g, '""')}"`).join("\n")}\n`;
    const { points, rejected } = parseMetricCsv(text);
    expect(points.length + rejected.length).toBe(rows.length);
  });
});
