import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { flattenStream, type RecordItem, type Rejection, readRecords } from "../src/index";

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const encoder = new TextEncoder();

/** Splits text into chunks at the given cut points, as a file stream would. */
function chunks(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const p of points) {
    out.push(text.slice(from, p));
    from = p;
  }
  out.push(text.slice(from));
  return out;
}

const records = (items: (RecordItem | Rejection)[]) =>
  items.map((i) => (i.kind === "record" ? i.value : `rejected:${i.line}`));

describe("readRecords", () => {
  it("reads NDJSON with line numbers, skipping blank lines and CRLF", async () => {
    const items = await collect(readRecords(['{"a":1}\r\n\n{"a":', '2}\n  \n{"a":3}']));
    expect(items).toEqual([
      { kind: "record", value: { a: 1 }, record: 0, line: 1, format: "ndjson" },
      { kind: "record", value: { a: 2 }, record: 1, line: 3, format: "ndjson" },
      { kind: "record", value: { a: 3 }, record: 2, line: 5, format: "ndjson" },
    ]);
  });

  it("rejects a bad NDJSON line with its line number and goes on", async () => {
    const items = await collect(readRecords(['{"a":1}\n{oops}\n{"a":3}\n']));
    expect(items[1]).toMatchObject({ kind: "rejected", record: 1, line: 2, input: "{oops}" });
    expect((items[1] as Rejection).reason).toMatch(/^record 1 \(line 2\): invalid JSON \(.*\): "\{oops\}"$/);
    expect(records(items)).toEqual([{ a: 1 }, "rejected:2", { a: 3 }]);
  });

  it("unpacks a JSON array, element by element, with the line each starts on", async () => {
    const items = await collect(readRecords(['[\n {"a": "x,]}"},\n {"b"', ': [1, 2]},\n 3, "s", null\n]']));
    expect(items.map((i) => [i.kind === "record" && i.value, i.line, i.record])).toEqual([
      [{ a: "x,]}" }, 2, 0],
      [{ b: [1, 2] }, 3, 1],
      [3, 4, 2],
      ["s", 4, 3],
      [null, 4, 4],
    ]);
    expect(items.every((i) => i.kind === "record" && i.format === "json")).toBe(true);
  });

  it("reads pretty-printed and concatenated JSON objects in auto mode", async () => {
    const items = await collect(readRecords(['{\n  "a": 1\n}\n{\n  "a": 2\n}\n']));
    expect(records(items)).toEqual([{ a: 1 }, { a: 2 }]);
    expect(items.map((i) => i.line)).toEqual([1, 4]);
  });

  it("rejects an element that does not parse, and a value cut off at the end", async () => {
    const items = await collect(readRecords(['[{"a": tru}, {"b": 1}, {"c": ']));
    expect(records(items)).toEqual(["rejected:1", { b: 1 }, "rejected:1"]);
    expect((items[2] as Rejection).reason).toBe("record 2 (line 1): unexpected end of input inside a JSON value");
  });

  it("reads plain lines", async () => {
    const items = await collect(readRecords(["first line\n\nsecond", " line\r\n"]));
    expect(items).toEqual([
      { kind: "record", value: "first line", record: 0, line: 1, format: "lines" },
      { kind: "record", value: "second line", record: 1, line: 3, format: "lines" },
    ]);
  });

  it("decodes UTF-8 bytes split inside a character, and strips a BOM", async () => {
    const bytes = encoder.encode('\ufeff{"m":"❌ échec"}\n');
    const parts = [bytes.slice(0, 5), bytes.slice(5, 10), bytes.slice(10, 11), bytes.slice(11)];
    expect(records(await collect(readRecords(parts)))).toEqual([{ m: "❌ échec" }]);
  });

  it("rejects an over-long record without holding it, then goes on", async () => {
    async function* source() {
      yield '{"a":1}\n{"big":"';
      for (let i = 0; i < 100; i++) yield "x".repeat(1000);
      yield '"}\n{"a":3}\n';
    }
    const items = await collect(readRecords(source(), { maxRecordLength: 10_000 }));
    expect(records(items)).toEqual([{ a: 1 }, "rejected:2", { a: 3 }]);
    expect((items[1] as Rejection).reason).toBe(
      "record 1 (line 2): line is longer than maxRecordLength (10000); raise the option to read it",
    );
    const json = await collect(
      readRecords(['[{"a":1},{"big":"', "y".repeat(50_000), '"},{"a":3}]'], { maxRecordLength: 10_000 }),
    );
    expect(records(json)).toEqual([{ a: 1 }, "rejected:1", { a: 3 }]);
  });

  it("keeps memory bounded on a long stream", async () => {
    const row = `${JSON.stringify({ events: [{ message: "x".repeat(500) }] })}\n`;
    async function* source() {
      for (let i = 0; i < 100_000; i++) yield row; // ~52 MB in total
    }
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let n = 0;
    let peak = 0;
    for await (const item of readRecords(source())) {
      if (item.kind === "record") n++;
      if (n % 10_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
    expect(n).toBe(100_000);
    expect(peak).toBeLessThan(48 * 1024 * 1024); // far below the 52 MB read: nothing accumulates
  });

  test.prop([fc.array(fc.nat({ max: 400 }), { maxLength: 8 })])(
    "gives the same records however the input is chunked",
    async (cuts) => {
      const ndjson = '{"a":"é\\n"}\n[1,2]\n"s"\n{"b":{"c":[true,null]}}\n';
      const json = `[${ndjson.trim().split("\n").join(",\n")}]`;
      for (const [text, format] of [
        [ndjson, "ndjson"],
        [json, "json"],
        [ndjson, "lines"],
      ] as const) {
        const whole = await collect(readRecords([text], { format }));
        const split = await collect(readRecords(chunks(text, cuts), { format }));
        expect(split).toEqual(whole);
        const bytes = chunks(text, cuts).map((c) => encoder.encode(c));
        expect(await collect(readRecords(bytes, { format }))).toEqual(whole);
      }
    },
  );

  it("throws on programmer errors only", async () => {
    expect(() => readRecords(42 as never)).toThrow(/source must be an AsyncIterable or Iterable/);
    expect(() => readRecords([], { format: "csv" as never })).toThrow(
      /options\.format must be "auto", "ndjson", "json" or "lines"/,
    );
    expect(() => readRecords([], { maxRecordLength: 0 })).toThrow(RangeError);
    await expect(collect(readRecords([42 as never]))).rejects.toThrow(
      /source chunk 0 must be a string or a Uint8Array/,
    );
  });
});

describe("flattenStream", () => {
  it("yields events and rejections in input order, with lines", async () => {
    const text = [
      JSON.stringify({ id: "r1", events: [{ message: "a" }, { message: 1 }] }),
      "not json",
      JSON.stringify({ id: "r3" }),
      JSON.stringify({ id: "r4", events: [{ message: "d" }] }),
    ].join("\n");
    const items = await collect(flattenStream([text]));
    expect(
      items.map((i) =>
        i.kind === "event" ? `event ${i.record}.${i.index}@${i.line}` : `rejected ${i.record}@${i.line}`,
      ),
    ).toEqual(["event 0.0@1", "rejected 0@1", "rejected 1@2", "rejected 2@3", "event 3.0@4"]);
    expect(items[0]).toMatchObject({ row: { id: "r1" }, event: { message: "a" } });
  });

  it("turns each plain line into one event", async () => {
    const items = await collect(flattenStream(["OOMKilled\nImagePullBackOff\n"], { format: "lines" }));
    expect(items).toEqual([
      { kind: "event", event: { message: "OOMKilled" }, record: 0, index: 0, line: 1, row: {} },
      { kind: "event", event: { message: "ImagePullBackOff" }, record: 1, index: 0, line: 2, row: {} },
    ]);
  });

  it("takes the flatten options", async () => {
    const items = await collect(flattenStream(['{"errors":[{"message":"m"}]}'], { path: "errors" }));
    expect(items[0]).toMatchObject({ kind: "event", event: { message: "m" } });
  });
});
