import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { createDayKeyer, dayRange, mondayOf, parseInstant, startOfDayMs } from "../src/internal/time";

const ZONES = ["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham"];

describe("createDayKeyer", () => {
  test.prop([fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), fc.constantFrom(...ZONES)])(
    "agrees with Intl for any instant, DST days included",
    (ms, timeZone) => {
      const expected = new Intl.DateTimeFormat("en-CA", {
        timeZone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
      }).format(new Date(ms));
      expect(createDayKeyer(timeZone)(ms)).toBe(expected);
    },
  );

  it("keys both sides of a DST change correctly", () => {
    const paris = createDayKeyer("Europe/Paris");
    // 2026-03-29: clocks go from 02:00 to 03:00 local (01:00 UTC).
    expect(paris(Date.parse("2026-03-28T22:59:59Z"))).toBe("2026-03-28");
    expect(paris(Date.parse("2026-03-28T23:00:00Z"))).toBe("2026-03-29");
    expect(paris(Date.parse("2026-03-29T21:59:59Z"))).toBe("2026-03-29");
    expect(paris(Date.parse("2026-03-29T22:00:00Z"))).toBe("2026-03-30");
  });
});

describe("startOfDayMs", () => {
  it.each([
    ["2026-11-02", "UTC", "2026-11-02T00:00:00.000Z"],
    ["2026-03-29", "Europe/Paris", "2026-03-28T23:00:00.000Z"],
    ["2026-03-30", "Europe/Paris", "2026-03-29T22:00:00.000Z"],
    ["2026-11-02", "America/New_York", "2026-11-02T05:00:00.000Z"],
    ["2026-11-01", "America/New_York", "2026-11-01T04:00:00.000Z"],
  ])("%s starts at %s in %s", (day, zone, iso) => {
    expect(new Date(startOfDayMs(day, zone)).toISOString()).toBe(iso);
  });
});

describe("parseInstant", () => {
  it.each([
    ["2026-11-24T09:30:00Z", Date.UTC(2026, 10, 24, 9, 30)],
    ["2026-11-24T09:30:00+02:00", Date.UTC(2026, 10, 24, 7, 30)],
    ["2026-09-28 00:27:47.921+00", Date.UTC(2026, 8, 28, 0, 27, 47, 921)],
    ["2026-09-28 00:27:47", Date.UTC(2026, 8, 28, 0, 27, 47)], // no offset: UTC, never the machine's zone
    ["2026-09-28", Date.UTC(2026, 8, 28)],
    [1_790_000_000_000, 1_790_000_000_000],
    [new Date(5), 5],
    ["yesterday", undefined],
    ["24/11/2026", undefined],
    [Number.NaN, undefined],
    [null, undefined],
  ])("reads %j", (input, expected) => {
    expect(parseInstant(input)).toBe(expected);
  });
});

describe("calendar helpers", () => {
  it("lists days and finds Mondays", () => {
    expect(dayRange("2026-02-27", "2026-03-02")).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    expect(mondayOf("2026-11-29")).toBe("2026-11-23");
    expect(mondayOf("2026-11-23")).toBe("2026-11-23");
  });
});
