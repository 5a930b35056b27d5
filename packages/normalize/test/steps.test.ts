import { describe, expect, it } from "vitest";
import {
  collapseWhitespace,
  EMPTY_PLACEHOLDER,
  englishStopWords,
  lowercase,
  nonEmpty,
  pipeline,
  removeStopWords,
  stripNumbers,
  stripPunctuation,
  stripUnicode,
  stripVendorFrame,
} from "../src/index";
import { ISSUE_EXAMPLE } from "./fixtures/golden-messages";

describe("cleaning steps", () => {
  it.each([
    [lowercase, "Pod CrashLoopBackOff", "pod crashloopbackoff"],
    [stripNumbers, "retry 3 of 5, ipv4 x86_64 -1.5", "retry  of , ipv4 x86_64 "],
    [stripPunctuation, "Error: pod <POD> (ns=default)!", "Error  pod <POD>  ns default "],
    [removeStopWords, "The pod is not ready and can't start", " pod  not ready  can't start"],
    [collapseWhitespace, "  a\t\tb\n\nc \u00a0 d  ", "a b c d"],
    [stripUnicode, "\u274c Error \u2709\ufe0f message\u200b: ｆｕｌｌ ①", "  Error   message : full 1"],
    [nonEmpty, " \n ", EMPTY_PLACEHOLDER],
    [nonEmpty, " x ", " x "],
  ] as const)("%o on %j", (step, input, output) => {
    expect(step(input)).toBe(output);
  });

  it("keeps letters of every script", () => {
    expect(stripUnicode("échec de connexion: 接続が拒否されました")).toBe("échec de connexion: 接続が拒否されました");
  });

  it("keeps negations out of the stop word list", () => {
    for (const w of ["not", "no", "nor", "don't", "cannot"]) expect(englishStopWords.has(w)).toBe(false);
    expect(englishStopWords.has("the")).toBe(true);
  });

  it("takes a custom stop word list", () => {
    expect(removeStopWords("pod api failed", { stopWords: new Set(["pod"]) })).toBe(" api failed");
    expect(() => removeStopWords("x", { stopWords: ["pod"] as never })).toThrow(/options\.stopWords must be a Set/);
  });

  it.each([
    lowercase,
    stripNumbers,
    stripPunctuation,
    removeStopWords,
    collapseWhitespace,
    stripUnicode,
    nonEmpty,
    stripVendorFrame,
  ])("%o throws a TypeError on a non-string", (step) => {
    expect(() => step(undefined as never)).toThrow(TypeError);
    expect(() => step(undefined as never)).toThrow(/\[@faultline\/normalize\] text must be a string \(got undefined/);
  });
});

describe("pipeline", () => {
  it("composes steps left to right", () => {
    const clean = pipeline([stripVendorFrame, lowercase, stripPunctuation, collapseWhitespace]);
    expect(clean("Error: Pod  CrashLoopBackOff!")).toBe("error pod crashloopbackoff");
    expect(clean(ISSUE_EXAMPLE)).toMatch(
      /^error while building container image beta build ze9e19029 error simpleerror/,
    );
  });

  it("is the identity when empty", () => {
    expect(pipeline([])("as is")).toBe("as is");
  });

  it("names the bad step", () => {
    expect(() => pipeline([lowercase, "trim" as never])).toThrow(/steps\[1\] must be a function/);
    expect(() => pipeline("lowercase" as never)).toThrow(/steps must be an array/);
    const broken = pipeline([lowercase, (() => 42) as never]);
    expect(() => broken("x")).toThrow(/steps\[1\] returned number, expected a string/);
  });
});
