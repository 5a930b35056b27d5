import { describe, expect, it } from "vitest";
import {
  collapseWhitespace,
  defaultMaskingRules,
  mask,
  normalizeMessage,
  removeStopWords,
  stripNumbers,
  stripPunctuation,
  stripUnicode,
  tokenize,
} from "../src/index";

// These tests prove the absence of catastrophic backtracking, not speed (the bench measures speed): a
// quadratic pass over 1 MB does ~5·10^11 steps and would run for minutes, a linear one takes
// milliseconds. The bound is generous so that a loaded CI machine never trips it.
const BOUND_MS = 5_000;
const MB = 1024 * 1024;

function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

// Fragments that partially match one rule or another, so every rule is entered and must fail or
// succeed without re-scanning: repeated with no whitespace, they make one giant token.
const HOSTILE_UNITS = [
  "a",
  "1",
  "f",
  "z",
  ".",
  "-",
  ":",
  "/",
  "@",
  "_",
  "\\",
  "%",
  "+",
  "=",
  "~",
  "<",
  ">",
  "a.",
  "1.",
  "a-",
  "1-",
  "1:",
  "f:",
  "::",
  "a/",
  "/a",
  "1/",
  "a@",
  "@a",
  "0x",
  "a1",
  "1a",
  "v1.",
  "1.1",
  "aa-bb",
  "1:1",
  "a.b-",
  "-1",
  "sha256:",
  "http://",
  "git@a.b:",
  "a-7d4f8b9c6",
  "b2c4d-",
  "1m",
  "T1:",
  "1.1.1.",
  "fe80:",
  "a.com",
  "a.b.fr.",
  "<NUM>",
  "1-1-",
  "x.y/z:",
  "C:\\a",
];

describe("masking runs in linear time on hostile input", () => {
  it.each(HOSTILE_UNITS)("1 MB of %j in one token", (unit) => {
    const text = repeatTo(unit, MB);
    const { value, ms } = timed(() => mask(text));
    expect(ms).toBeLessThan(BOUND_MS);
    expect(value.text.length).toBeGreaterThan(0);
  });

  it.each(defaultMaskingRules.map((r) => [r.name, r] as const))(
    "rule %s alone on 1 MB of mixed fragments",
    (_name, rule) => {
      const text = repeatTo(HOSTILE_UNITS.join(""), MB);
      const { ms } = timed(() => mask(text, { rules: [rule] }));
      expect(ms).toBeLessThan(BOUND_MS);
    },
  );
});

describe("the whole normalisation path runs in linear time", () => {
  const singleLine = repeatTo("error while pulling image ghcr.io/acme/api:1.2.3 from 10.0.0.1:443 (id ze9e19029) ", MB);
  const punctuation = repeatTo("!?.,:;-_/\\()[]{}<>'\"`@#$%^&*+=|~", MB);

  it.each([
    ["a 1 MB single-line message", singleLine],
    ["1 MB of repeated punctuation", punctuation],
    ["1 MB of one character", "x".repeat(MB)],
    ["1 MB of digits", "7".repeat(MB)],
  ])("%s, with the size cap disabled", (_name, text) => {
    const { value, ms } = timed(() => normalizeMessage(text, { maxLength: Number.POSITIVE_INFINITY }));
    expect(ms).toBeLessThan(BOUND_MS);
    expect(value.truncated).toBe(false);
  });

  it("truncates a 1 MB message to the default cap, and says so", () => {
    const { value, ms } = timed(() => normalizeMessage(singleLine));
    expect(ms).toBeLessThan(BOUND_MS);
    expect(value.truncated).toBe(true);
    expect(value.originalLength).toBe(MB);
    expect(value.text.length).toBeLessThan(40_000);
  });

  it.each([
    ["stripPunctuation", stripPunctuation],
    ["stripNumbers", stripNumbers],
    ["removeStopWords", (t: string) => removeStopWords(t)],
    ["collapseWhitespace", collapseWhitespace],
    ["stripUnicode", stripUnicode],
    ["tokenize", (t: string) => tokenize(t).join(" ")],
  ] as const)("%s on 1 MB of punctuation and of a single line", (_name, step) => {
    for (const text of [punctuation, singleLine, `${"\u274c\ufe0f".repeat(MB / 4)}`]) {
      const { ms } = timed(() => step(text));
      expect(ms).toBeLessThan(BOUND_MS);
    }
  });

  it("masks a frame's variables in linear time, however many the scope lists", () => {
    // Letter-only names (`nameab`), so that the digit-word rule leaves them to the name masking.
    const name = (i: number) => `name${i.toString(26).replace(/\d/g, (d) => "qrstuvwxyz"[Number(d)]!)}`;
    const scope = Array.from({ length: 5000 }, (_, i) => `'${name(i)}'`).join(" ");
    const message = ` MESSAGE FOR THE USER\n Scope: ${scope}\n Error message: ${`${name(1)} ${name(2)} x `.repeat(MB / 14)}`;
    const { value, ms } = timed(() => normalizeMessage(message, { maxLength: Number.POSITIVE_INFINITY }));
    expect(ms).toBeLessThan(BOUND_MS);
    expect(value.text.startsWith("<NAME> <NAME> x")).toBe(true);
  });

  it("parses a vendor frame whose fields hold 1 MB", () => {
    const message = ` MESSAGE FOR THE USER\n Error message: ${singleLine}\n Hint: ${"-".repeat(MB)}`;
    const { value, ms } = timed(() => normalizeMessage(message, { maxLength: Number.POSITIVE_INFINITY }));
    expect(ms).toBeLessThan(BOUND_MS);
    expect(value.frame).toBe("qovery");
  });
});
