import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { englishStopWords, tokenize } from "../src/index";

describe("tokenize", () => {
  it("keeps placeholders whole, splits on punctuation, drops stop words, numbers and one-letter words", () => {
    expect(tokenize("Back-off restarting failed container in pod <POD> after 5 tries (x)")).toEqual([
      "back",
      "restarting",
      "failed",
      "container",
      "pod",
      "<pod>",
      "tries",
    ]);
  });

  it("splits snake_case and keeps digits inside words", () => {
    expect(tokenize("blk_<NUM> ipv4 x86_64 sha256sum")).toEqual(["blk", "<num>", "ipv4", "x86", "sha256sum"]);
  });

  it("handles other scripts and lower-cases them", () => {
    expect(tokenize("Échec: 接続 ÉCHEC")).toEqual(["échec", "接続", "échec"]);
  });

  it("takes options", () => {
    expect(tokenize("the pod is down", { stopWords: false })).toEqual(["the", "pod", "is", "down"]);
    expect(tokenize("a pod is down", { stopWords: false, minLength: 1 })).toEqual(["a", "pod", "is", "down"]);
    expect(tokenize("the pod", { stopWords: new Set(["pod"]) })).toEqual(["the"]);
  });

  it("returns nothing for text without words", () => {
    expect(tokenize(" --- ... 42 ")).toEqual([]);
  });

  it("rejects bad arguments", () => {
    expect(() => tokenize(1 as never)).toThrow(/text must be a string/);
    expect(() => tokenize("x", { minLength: 0 })).toThrow(RangeError);
    expect(() => tokenize("x", { stopWords: ["a"] as never })).toThrow(/options\.stopWords must be a Set/);
  });
});

describe("tokenize fast path", () => {
  const lowerAscii = fc.string({
    unit: fc.constantFrom(..."abz09 _-.:/!<>\n\t", "the", "is", "<num>", "<ip>"),
    maxLength: 80,
  });
  test.prop([lowerAscii])("gives what the general path gives on lower-case ASCII", (text) => {
    // A trailing non-ASCII word sends the same text down the general path.
    const general = tokenize(`${text} éé`);
    expect(general.at(-1)).toBe("éé");
    expect(tokenize(text)).toEqual(general.slice(0, -1));
  });
});

describe("stop words of the read-only default list", () => {
  const stopWords = [...englishStopWords].filter((w) => /^[a-z]+$/.test(w));
  // Words with a stop word's length, first and last letter (`thy` beside `the`), which share its table slot.
  const lookalikes = ["thy", "tho", "iz", "ao", "bet", "hers2", "yourselvez", "themselfes", "ourselvesx", "aa"];
  const text = fc
    .array(fc.constantFrom(...stopWords, ...lookalikes, "pod", "<num>", "42", "x"), { maxLength: 40 })
    .chain((words) => fc.constantFrom(" ", "-", ". ").map((sep) => words.join(sep)));
  test.prop([text])("are dropped exactly as an editable copy of the list drops them", (t) => {
    expect(tokenize(t)).toEqual(tokenize(t, { stopWords: new Set(englishStopWords) }));
  });

  test("the list cannot be changed in place, and copies can", () => {
    const words = englishStopWords as Set<string>;
    expect(words).toBeInstanceOf(Set);
    expect(() => words.add("pod")).toThrow(/read-only/);
    expect(() => words.delete("the")).toThrow(/read-only/);
    expect(() => words.clear()).toThrow(/read-only/);
    expect(words.has("the")).toBe(true);
    const extended = new Set([...englishStopWords, "pod"]);
    expect(tokenize("the pod is broken", { stopWords: extended })).toEqual(["broken"]);
    expect(tokenize("the pod is broken")).toEqual(["pod", "broken"]);
  });
});
