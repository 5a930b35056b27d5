import type { Rejection } from "./flatten";
import { assertOptionsObject, assertPositiveInteger, describe, fail } from "./internal/assert";

/** Input layouts {@link readRecords} understands. */
export type RecordFormat = "auto" | "ndjson" | "json" | "lines";

/** Options of {@link readRecords} (and {@link flattenStream}). */
export interface ReadRecordsOptions {
  /**
   * `ndjson`: one JSON value per line. `json`: JSON values one after another (pretty-printed or not); a
   * top-level array is unpacked into its elements. `lines`: each non-blank line is a string record.
   * `auto` looks at the first character: `[` means json, `{` means ndjson (or json when the first line
   * is not a complete JSON value, as in a pretty-printed file), anything else means lines.
   * @defaultValue "auto"
   */
  readonly format?: RecordFormat;
  /**
   * Longest record held in memory, in UTF-16 code units. A longer line or element is rejected (its text
   * is not kept) and reading goes on after it, so memory stays bounded whatever the input.
   * @defaultValue 16777216 (16 Mi)
   */
  readonly maxRecordLength?: number;
}

/** One record read from the stream. */
export interface RecordItem {
  readonly kind: "record";
  /** The parsed JSON value, or the line's text for the `lines` format. */
  readonly value: unknown;
  /** 0-based record number: every non-blank line or JSON value counts, rejected ones included. */
  readonly record: number;
  /** 1-based line where the record starts. */
  readonly line: number;
  /** The layout it was read with (what `auto` resolved to). */
  readonly format: Exclude<RecordFormat, "auto">;
}

/** Default {@link ReadRecordsOptions.maxRecordLength}. */
export const DEFAULT_MAX_RECORD_LENGTH: number = 16 * 1024 * 1024;

type Chunk = string | Uint8Array;

function preview(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

/** Decodes a stream of strings and UTF-8 bytes into strings, keeping multi-byte characters whole across chunks. */
async function* decode(source: AsyncIterable<Chunk> | Iterable<Chunk>): AsyncGenerator<string> {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  let index = 0;
  for await (const chunk of source as AsyncIterable<Chunk>) {
    if (typeof chunk === "string") {
      if (decoder !== undefined) {
        const rest = decoder.decode();
        if (rest !== "") yield rest;
      }
      if (chunk !== "") yield chunk;
    } else if (chunk instanceof Uint8Array) {
      decoder ??= new TextDecoder("utf-8");
      const text = decoder.decode(chunk, { stream: true });
      if (text !== "") yield text;
    } else {
      fail(`source chunk ${index} must be a string or a Uint8Array (got ${describe(chunk)})`);
    }
    index++;
  }
  if (decoder !== undefined) {
    const rest = decoder.decode();
    if (rest !== "") yield rest;
  }
}

interface Counter {
  record: number;
}

function tooLong(counter: Counter, line: number, max: number, what: string): Rejection {
  const record = counter.record++;
  return {
    kind: "rejected",
    record,
    line,
    reason: `record ${record} (line ${line}): ${what} is longer than maxRecordLength (${max}); raise the option to read it`,
    input: undefined,
  };
}

/** Splits decoded text into lines (without `\n` and a trailing `\r`), rejecting over-long ones without buffering them. */
async function* lines(
  text: AsyncIterable<string>,
  max: number,
  counter: Counter,
): AsyncGenerator<{ text: string; line: number } | Rejection> {
  let buf = "";
  let line = 1;
  let skipping = false;
  for await (const chunk of text) {
    let pos = 0;
    while (pos <= chunk.length) {
      const nl = chunk.indexOf("\n", pos);
      if (nl === -1) {
        if (!skipping) {
          buf += chunk.slice(pos);
          if (buf.length > max) {
            yield tooLong(counter, line, max, "line");
            buf = "";
            skipping = true;
          }
        }
        break;
      }
      if (skipping) {
        skipping = false;
      } else {
        const full = buf + chunk.slice(pos, nl);
        buf = "";
        if (full.length > max) yield tooLong(counter, line, max, "line");
        else yield { text: full.endsWith("\r") ? full.slice(0, -1) : full, line };
      }
      line++;
      pos = nl + 1;
    }
  }
  if (!skipping && buf !== "") yield { text: buf.endsWith("\r") ? buf.slice(0, -1) : buf, line };
}

async function* readLines(
  text: AsyncIterable<string>,
  format: "ndjson" | "lines",
  max: number,
): AsyncGenerator<RecordItem | Rejection> {
  const counter: Counter = { record: 0 };
  for await (const item of lines(text, max, counter)) {
    if ("kind" in item) {
      yield item;
      continue;
    }
    if (item.text.trim() === "") continue; // blank lines separate records; they are not records
    const record = counter.record++;
    if (format === "lines") {
      yield { kind: "record", value: item.text, record, line: item.line, format };
      continue;
    }
    try {
      yield { kind: "record", value: JSON.parse(item.text), record, line: item.line, format };
    } catch (error) {
      yield {
        kind: "rejected",
        record,
        line: item.line,
        reason: `record ${record} (line ${item.line}): invalid JSON (${(error as Error).message}): ${preview(item.text)}`,
        input: item.text,
      };
    }
  }
}

const enum_ = { WS: 1, OPEN: 2, CLOSE: 3, QUOTE: 4, COMMA: 5 } as const;
const CLASS = new Uint8Array(128);
for (const c of " \t\r\n") CLASS[c.charCodeAt(0)] = enum_.WS;
for (const c of "[{") CLASS[c.charCodeAt(0)] = enum_.OPEN;
for (const c of "]}") CLASS[c.charCodeAt(0)] = enum_.CLOSE;
CLASS[34] = enum_.QUOTE;
CLASS[44] = enum_.COMMA;

/**
 * A streaming splitter for JSON values: tracks nesting and strings only, so each element's text can be
 * handed to `JSON.parse` whole (which then judges its validity), with no more than one element in memory.
 */
async function* readJson(text: AsyncIterable<string>, max: number): AsyncGenerator<RecordItem | Rejection> {
  let record = 0;
  let line = 1;
  let inTopArray = false;
  let inRecord = false;
  let scalar = false;
  let inString = false;
  let escaped = false;
  let depth = 0;
  let startLine = 0;
  let pieces: string[] = [];
  let length = 0;
  let over = false;
  const finish = (t: string, from: number, to: number): RecordItem | Rejection => {
    inRecord = false;
    const n = record++;
    if (over || length + (to - from) > max) {
      over = false;
      pieces = [];
      length = 0;
      return {
        kind: "rejected",
        record: n,
        line: startLine,
        reason: `record ${n} (line ${startLine}): JSON value is longer than maxRecordLength (${max}); raise the option to read it`,
        input: undefined,
      };
    }
    const body = pieces.length === 0 ? t.slice(from, to) : pieces.join("") + t.slice(from, to);
    pieces = [];
    length = 0;
    try {
      return { kind: "record", value: JSON.parse(body), record: n, line: startLine, format: "json" };
    } catch (error) {
      return {
        kind: "rejected",
        record: n,
        line: startLine,
        reason: `record ${n} (line ${startLine}): invalid JSON (${(error as Error).message}): ${preview(body)}`,
        input: body,
      };
    }
  };
  for await (const t of text) {
    let segStart = 0;
    const n = t.length;
    for (let i = 0; i < n; i++) {
      const c = t.charCodeAt(i);
      if (c === 10) line++;
      if (!inRecord) {
        const k = c < 128 ? CLASS[c] : 0;
        if (k === enum_.WS || c === 0xfeff) continue;
        if (!inTopArray && c === 91 /* [ */ && depth === 0) {
          inTopArray = true;
          continue;
        }
        if (inTopArray && k === enum_.COMMA) continue;
        if (inTopArray && c === 93 /* ] */) {
          inTopArray = false;
          continue;
        }
        inRecord = true;
        startLine = line;
        segStart = i;
        scalar = false;
        depth = 0;
        if (k === enum_.OPEN) depth = 1;
        else if (k === enum_.QUOTE) inString = true;
        else scalar = true;
        continue;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92 /* \ */) escaped = true;
        else if (c === 34 /* " */) {
          inString = false;
          if (depth === 0) yield finish(t, segStart, i + 1);
        }
        continue;
      }
      const k = c < 128 ? CLASS[c] : 0;
      if (scalar) {
        if (k !== 0) {
          yield finish(t, segStart, i);
          // The delimiter belongs to the enclosing layout: look at it again outside the record.
          if (c === 10) line--;
          i--;
        }
        continue;
      }
      if (k === enum_.QUOTE) inString = true;
      else if (k === enum_.OPEN) depth++;
      else if (k === enum_.CLOSE && --depth === 0) yield finish(t, segStart, i + 1);
    }
    if (inRecord) {
      const piece = t.slice(segStart);
      length += piece.length;
      if (length > max) over = true;
      if (!over) pieces.push(piece);
      else pieces = [];
    }
  }
  if (inRecord) {
    if (scalar) {
      yield finish("", 0, 0);
    } else {
      const n = record++;
      yield {
        kind: "rejected",
        record: n,
        line: startLine,
        reason: `record ${n} (line ${startLine}): unexpected end of input inside a JSON value`,
        input: over ? undefined : pieces.join(""),
      };
    }
  }
}

/** Buffers the stream's start until the format can be decided, then replays it. */
async function* sniff(text: AsyncIterable<string>, max: number): AsyncGenerator<RecordItem | Rejection> {
  const it = text[Symbol.asyncIterator]();
  const head: string[] = [];
  let first = -1;
  let seen = "";
  while (first === -1) {
    const next = await it.next();
    if (next.done) break;
    head.push(next.value);
    seen += next.value;
    const m = /[^\s\ufeff]/.exec(seen);
    if (m !== null) first = seen.charCodeAt(m.index);
    else seen = "";
  }
  let format: Exclude<RecordFormat, "auto"> = first === 91 ? "json" : first === 123 ? "ndjson" : "lines";
  if (format === "ndjson") {
    // A `{` on a line that does not parse alone means pretty-printed JSON: read it as a JSON stream.
    let joined = head.join("");
    while (!joined.includes("\n") && joined.length <= max) {
      const next = await it.next();
      if (next.done) break;
      head.push(next.value);
      joined += next.value;
    }
    const firstLine = joined.replace(/^[\s\ufeff]*/, "").split("\n", 1)[0]!;
    try {
      JSON.parse(firstLine);
    } catch {
      format = "json";
    }
  }
  async function* replay(): AsyncGenerator<string> {
    yield* head;
    while (true) {
      const next = await it.next();
      if (next.done) return;
      yield next.value;
    }
  }
  yield* dispatch(replay(), format, max);
}

function dispatch(
  text: AsyncIterable<string>,
  format: Exclude<RecordFormat, "auto">,
  max: number,
): AsyncGenerator<RecordItem | Rejection> {
  return format === "json" ? readJson(text, max) : readLines(text, format, max);
}

async function* stripBom(text: AsyncIterable<string>): AsyncGenerator<string> {
  let first = true;
  for await (const t of text) {
    if (first && t.charCodeAt(0) === 0xfeff) yield t.slice(1);
    else yield t;
    first = false;
  }
}

/**
 * Reads records from a stream of text or UTF-8 bytes (a file stream, a fetch body, an array of lines)
 * without holding more than one record in memory: a 1 GB export is never read whole. Yields each
 * record with its number and line, and a {@link Rejection} for each record that cannot be read
 * (invalid JSON, over `maxRecordLength`, cut off at the end), in input order.
 *
 * @throws TypeError when `source` is not iterable, a chunk is neither a string nor a Uint8Array, or an option is malformed.
 * @example
 * for await (const item of readRecords(createReadStream("errors.ndjson"))) {
 *   if (item.kind === "record") use(item.value); else log(item.reason);
 * }
 */
export function readRecords(
  source: AsyncIterable<Chunk> | Iterable<Chunk>,
  options?: ReadRecordsOptions,
): AsyncGenerator<RecordItem | Rejection> {
  if (source === null || typeof source !== "object" || !(Symbol.asyncIterator in source || Symbol.iterator in source)) {
    fail(`source must be an AsyncIterable or Iterable of strings or Uint8Arrays (got ${describe(source)})`);
  }
  assertOptionsObject(options, "options");
  const format = options?.format ?? "auto";
  if (!["auto", "ndjson", "json", "lines"].includes(format)) {
    fail(`options.format must be "auto", "ndjson", "json" or "lines" (got ${describe(format)})`);
  }
  const max = options?.maxRecordLength ?? DEFAULT_MAX_RECORD_LENGTH;
  assertPositiveInteger(max, "options.maxRecordLength");
  const text = stripBom(decode(source));
  return format === "auto" ? sniff(text, max) : dispatch(text, format, max);
}
