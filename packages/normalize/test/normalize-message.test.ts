import { describe, expect, it } from "vitest";
import {
  defaultClean,
  groupByTemplateKey,
  lowercase,
  normalizeMessage,
  pipeline,
  stripPunctuation,
  TRUNCATION_MARKER,
  templateKey,
  truncateMessage,
} from "../src/index";

describe("normalizeMessage", () => {
  it("returns text, key, tokens and params for a plain message", () => {
    expect(normalizeMessage("Readiness probe failed: dial tcp 10.2.1.5:8080: connect: connection refused")).toEqual({
      text: "Readiness probe failed: dial tcp <IP>: connect: connection refused",
      templateKey: "readiness probe failed: dial tcp <*>: connect: connection refused",
      tokens: ["readiness", "probe", "failed", "dial", "tcp", "<ip>", "connect", "connection", "refused"],
      params: [{ name: "ipv4", mask: "<IP>", value: "10.2.1.5:8080" }],
      fields: {},
      truncated: false,
      originalLength: 75,
    });
  });

  it("turns a blank message into <EMPTY>, so it is still counted", () => {
    expect(normalizeMessage("  \n ")).toMatchObject({ text: "<EMPTY>", templateKey: "<*>", tokens: ["<empty>"] });
    expect(normalizeMessage("")).toMatchObject({ text: "<EMPTY>", originalLength: 0 });
  });

  it("masks full-width digits like ASCII ones", () => {
    expect(normalizeMessage("exit code １３７").text).toBe("exit code <NUM>");
  });

  it("truncates over maxLength, keeping head and tail, and flags it", () => {
    const message = `FATAL first line ${"x ".repeat(5000)} last line: OOMKilled`;
    const n = normalizeMessage(message, { maxLength: 200 });
    expect(n.truncated).toBe(true);
    expect(n.originalLength).toBe(message.length);
    expect(n.text.startsWith("FATAL first line")).toBe(true);
    expect(n.text.endsWith("last line: OOMKilled")).toBe(true);
    expect(n.text).toContain("[...]");
    expect(normalizeMessage(message, { maxLength: Number.POSITIVE_INFINITY }).truncated).toBe(false);
  });

  it("takes frames, rules, clean and stopWords options", () => {
    const framed = "MESSAGE FOR THE USER\nError message: boom 42";
    expect(normalizeMessage(framed, { frames: [] }).frame).toBeUndefined();
    expect(normalizeMessage("boom 42", { rules: [] }).templateKey).toBe("boom 42");
    expect(normalizeMessage("Boom! 42", { clean: pipeline([stripPunctuation, defaultClean]) }).text).toBe("Boom <NUM>");
    expect(normalizeMessage("Boom", { clean: lowercase }).text).toBe("boom");
    expect(normalizeMessage("the pod", { stopWords: false }).tokens).toEqual(["the", "pod"]);
  });

  it.each([
    [() => normalizeMessage(undefined as never), TypeError, /message must be a string/],
    [
      () => normalizeMessage("x", { maxLength: 0 }),
      RangeError,
      /options\.maxLength must be a positive integer or Infinity \(got 0\)/,
    ],
    [() => normalizeMessage("x", { maxLength: "1" as never }), TypeError, /options\.maxLength must be a number/],
    [() => normalizeMessage("x", { clean: "trim" as never }), TypeError, /options\.clean must be a function/],
    [() => normalizeMessage("x", { clean: (() => 1) as never }), TypeError, /options\.clean returned number/],
    [() => normalizeMessage("x", { frames: {} as never }), TypeError, /options\.frames must be an array/],
    [() => normalizeMessage("x", { stopWords: ["a"] as never }), TypeError, /options\.stopWords must be a Set/],
  ] as const)("%#: rejects bad arguments", (call, type, message) => {
    expect(call).toThrow(type);
    expect(call).toThrow(message);
  });
});

describe("templateKey", () => {
  it("equals normalizeMessage(...).templateKey", () => {
    expect(templateKey("Pod api-7d4f8b9c6-x2x7k OOMKilled (exit code 137)")).toBe("pod <*> oomkilled (exit code <*>)");
  });

  it("unifies placeholders, so one slot holding a hash or a number gives one key", () => {
    expect(templateKey("iar 00106c0c dear 0246de1c")).toBe(templateKey("iar 00998588 dear 02f7a18c"));
    expect(normalizeMessage("iar 00106c0c").text).not.toBe(normalizeMessage("iar 00998588").text);
  });
});

describe("truncateMessage", () => {
  it("keeps short text as is", () => {
    expect(truncateMessage("short", 10)).toEqual({ text: "short", truncated: false, originalLength: 5 });
  });

  it("cuts the middle to exactly maxLength", () => {
    const r = truncateMessage("a".repeat(50) + "b".repeat(50), 20);
    expect(r.text).toHaveLength(20);
    const keep = 20 - TRUNCATION_MARKER.length;
    expect(r.text).toBe(`${"a".repeat(Math.ceil(keep / 2))}${TRUNCATION_MARKER}${"b".repeat(Math.floor(keep / 2))}`);
  });

  it("never splits a surrogate pair", () => {
    const r = truncateMessage("😀".repeat(40), 21);
    expect(r.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });

  it("rejects a cap below 8", () => {
    expect(() => truncateMessage("x", 7)).toThrow(RangeError);
  });
});

describe("groupByTemplateKey", () => {
  it("counts identical keys in order of first appearance, with positions", () => {
    const keys = ["dial tcp 10.0.0.1:80: refused", "OOMKilled", "dial tcp 10.0.0.2:81: refused"].map((m) =>
      normalizeMessage(m),
    );
    expect(groupByTemplateKey(keys)).toEqual([
      { templateKey: "dial tcp <*>: refused", count: 2, indices: [0, 2] },
      { templateKey: "oomkilled", count: 1, indices: [1] },
    ]);
  });

  it("names a bad item", () => {
    expect(() => groupByTemplateKey([{ templateKey: "a" }, {} as never])).toThrow(
      /items\[1\]\.templateKey must be a string/,
    );
    expect(() => groupByTemplateKey(null as never)).toThrow(/items must be an iterable/);
  });
});
