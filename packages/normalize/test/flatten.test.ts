import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { flatten } from "../src/index";

const fixture = readFileSync(new URL("./fixtures/error-rows.ndjson", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as { id: string; events: { message: string }[] });

describe("flatten", () => {
  it("flattens the demo sample rows, keeping record, index and the row's other fields", () => {
    const { events, rejected } = flatten(fixture);
    expect(rejected).toEqual([]);
    expect(events).toHaveLength(fixture.reduce((n, r) => n + r.events.length, 0));
    const first = events[0]!;
    expect(first).toMatchObject({ kind: "event", record: 0, index: 0, row: { id: fixture[0]!.id } });
    expect(first.row).not.toHaveProperty("events");
    expect(first.event.message).toBe(fixture[0]!.events[0]!.message);
    const last = events.at(-1)!;
    expect(last.record).toBe(fixture.length - 1);
    expect(last.index).toBe(fixture.at(-1)!.events.length - 1);
    expect("line" in first).toBe(false);
  });

  it("keeps unknown event fields (loose schema)", () => {
    const { events } = flatten([{ events: [{ message: "m", extra: { a: 1 } }] }]);
    expect(events[0]!.event).toEqual({ message: "m", extra: { a: 1 } });
  });

  it.each([
    [null, "record 0: expected an object with a `events` array, got null"],
    ["text", 'record 0: expected an object with a `events` array, got a string ("text")'],
    [[{ message: "m" }], "record 0: expected an object with a `events` array, got an array"],
    [{ id: 1 }, "record 0: missing `events`: expected an array of error events"],
    [{ events: {} }, "record 0: `events` must be an array of error events, got an object"],
    [{ events: [] }, "record 0: `events` is empty: the record holds no events"],
    [{ events: "[oops" }, /^record 0: `events` is a string but not valid JSON \(/],
  ])("rejects the record %j with a reason", (record, reason) => {
    const { events, rejected } = flatten([record]);
    expect(events).toEqual([]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ kind: "rejected", record: 0, input: record });
    expect(rejected[0]!.reason).toMatch(reason);
    expect(rejected[0]).not.toHaveProperty("index");
  });

  it("rejects one bad event and keeps the others, naming the field", () => {
    const { events, rejected } = flatten([
      { events: [{ message: "ok" }, { message: 42 }, "{bad json", { scope: "APP" }] },
    ]);
    expect(events.map((e) => e.index)).toEqual([0]);
    expect(rejected.map((r) => [r.index, r.reason])).toEqual([
      [1, "record 0: events[1].message: Invalid input: expected string, received number"],
      [2, expect.stringMatching(/^record 0: events\[2\] is a string but not valid JSON/)],
      [3, "record 0: events[3].message: Invalid input: expected string, received undefined"],
    ]);
  });

  it("reads a batch stored as JSON text and events stored as JSON strings", () => {
    const row = { id: "r", events: JSON.stringify([JSON.stringify({ message: "a" }), { message: "b" }]) };
    expect(flatten([row]).events.map((e) => e.event.message)).toEqual(["a", "b"]);
    const strict = flatten([row], { parseJsonStrings: false });
    expect(strict.events).toEqual([]);
    expect(strict.rejected[0]!.reason).toMatch(
      /^record 0: `events` must be an array of error events, got a string \("\[/,
    );
  });

  it("follows a configurable path", () => {
    const rows = [{ payload: { batch: [{ message: "deep" }] }, id: 7 }];
    expect(flatten(rows, { path: "payload.batch" }).events[0]).toMatchObject({
      event: { message: "deep" },
      row: rows[0],
    });
    expect(flatten([{ "a.b": [{ message: "dotted" }] }], { path: ["a.b"] }).events[0]!.row).toEqual({});
    expect(flatten([{ errors: [{ message: "x" }] }], { path: "errors" }).events).toHaveLength(1);
  });

  it("accepts any iterable", () => {
    function* rows() {
      yield { events: [{ message: "a" }] };
      yield { events: [{ message: "b" }] };
    }
    expect(flatten(rows()).events.map((e) => e.record)).toEqual([0, 1]);
  });

  it("throws on programmer errors only", () => {
    expect(() => flatten(undefined as never)).toThrow(/records must be an iterable/);
    expect(() => flatten("rows" as never)).toThrow(TypeError);
    expect(() => flatten([], { path: "" })).toThrow(/options\.path must not be empty/);
    expect(() => flatten([], { path: [] })).toThrow(/options\.path must name at least one key/);
    expect(() => flatten([], { path: [1] as never })).toThrow(/options\.path\[0\] must be a string/);
    expect(() => flatten([], { parseJsonStrings: "yes" as never })).toThrow(
      /options\.parseJsonStrings must be a boolean/,
    );
  });
});
