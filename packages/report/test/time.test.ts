import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  addDays,
  createDayKeyer,
  dayRange,
  localToUtcMs,
  mondayOf,
  parseInstant,
  startOfDayMs,
} from "../src/internal/time";

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

  it.each([
    // Clocks skip from 00:00 to 01:00: the day starts at 01:00 local, not at 23:00 the day before.
    ["2026-09-06", "America/Santiago", "2026-09-06T04:00:00.000Z"],
    ["2026-03-08", "America/Havana", "2026-03-08T05:00:00.000Z"],
    ["2026-03-29", "Asia/Beirut", "2026-03-28T22:00:00.000Z"],
  ])("%s starts after the midnight gap in %s, at %s", (day, zone, iso) => {
    expect(new Date(startOfDayMs(day, zone)).toISOString()).toBe(iso);
  });

  // Zones whose clocks change at midnight (or at 00:30, or by 30 minutes), beside ordinary ones.
  const DST_ZONES = [
    ...ZONES,
    "America/Santiago",
    "America/Havana",
    "America/Asuncion",
    "Asia/Beirut",
    "Asia/Gaza",
    "Africa/Cairo",
    "Asia/Tehran",
    "America/Scoresbysund",
    "Pacific/Easter",
    "Atlantic/Azores",
  ];
  const days = fc
    .integer({ min: Date.UTC(2015, 0, 1) / 86_400_000, max: Date.UTC(2030, 11, 31) / 86_400_000 })
    .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));

  test.prop([days, fc.constantFrom(...DST_ZONES)], { numRuns: 2000 })(
    "every local calendar day starts at an instant inside that day, and the instant before is the day before",
    (day, timeZone) => {
      const keyOf = createDayKeyer(timeZone);
      const start = startOfDayMs(day, timeZone);
      expect(keyOf(start)).toBe(day);
      expect(keyOf(start - 1000)).toBe(addDays(day, -1));
    },
  );

  it("every day of 2025–2027 in every zone above, transition days included", () => {
    // Random days rarely land on one of the few transition days a year: walk three whole years too.
    for (const timeZone of DST_ZONES) {
      const keyOf = createDayKeyer(timeZone);
      for (const day of dayRange("2025-01-01", "2027-12-31")) {
        const start = startOfDayMs(day, timeZone);
        expect(keyOf(start), `${day} ${timeZone}`).toBe(day);
        expect(keyOf(start - 1000), `${day} ${timeZone}`).toBe(addDays(day, -1));
      }
    }
  });
});

describe("localToUtcMs", () => {
  it("reads a repeated time as its first instant and a skipped one past the gap", () => {
    // New York, 2026-11-01 01:30 happens twice (EDT then EST); 2026-03-08 02:30 never happens.
    expect(new Date(localToUtcMs(Date.UTC(2026, 10, 1, 1, 30), "America/New_York")).toISOString()).toBe(
      "2026-11-01T05:30:00.000Z",
    );
    expect(new Date(localToUtcMs(Date.UTC(2026, 2, 8, 2, 30), "America/New_York")).toISOString()).toBe(
      "2026-03-08T07:30:00.000Z",
    );
    expect(new Date(localToUtcMs(Date.UTC(2026, 8, 6, 0, 0), "America/Santiago")).toISOString()).toBe(
      "2026-09-06T04:00:00.000Z",
    );
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
