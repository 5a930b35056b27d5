import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { defineVendorFrame, normalizeMessage, parseVendorFrame, qoveryFrame, stripVendorFrame } from "../src/index";
import { pushQuoted } from "../src/vendor-frame";
import { ISSUE_EXAMPLE } from "./fixtures/golden-messages";

const acme = defineVendorFrame({
  name: "acme",
  headers: ["== ACME DEPLOY FAILURE =="],
  fields: { reason: "Reason", runbook: "Runbook", service: "Service" },
  body: ["reason"],
  boilerplate: ["runbook"],
});

describe("defineVendorFrame (labelled)", () => {
  it("parses label lines, drops boilerplate and keeps loose lines in the body", () => {
    // A line after a label continues that field; a line before any label is loose text.
    const message =
      "extra context\n== ACME DEPLOY FAILURE ==\n- Service: api\n- Reason: disk full\n  on /var\n- Runbook: https://wiki\n  page 2";
    expect(parseVendorFrame(message, { frames: [acme] })).toEqual({
      frame: "acme",
      fields: { service: "api", reason: "disk full\non /var" },
      body: "disk full\non /var\nextra context",
    });
  });

  it("matches labels case-insensitively, with spaces before the colon", () => {
    expect(parseVendorFrame("== ACME DEPLOY FAILURE ==\nREASON : oom", { frames: [acme] })?.fields).toEqual({
      reason: "oom",
    });
  });

  it("returns undefined when no header is present", () => {
    expect(parseVendorFrame("Reason: disk full", { frames: [acme] })).toBeUndefined();
    expect(parseVendorFrame("plain text")).toBeUndefined();
  });

  it("tries frames in order: the first match wins", () => {
    const both = `${ISSUE_EXAMPLE}\n== ACME DEPLOY FAILURE ==`;
    expect(parseVendorFrame(both, { frames: [acme, qoveryFrame] })?.frame).toBe("acme");
    expect(parseVendorFrame(both, { frames: [qoveryFrame, acme] })?.frame).toBe("qovery");
  });

  it("plugs into normalizeMessage next to the Qovery frame", () => {
    const n = normalizeMessage("== ACME DEPLOY FAILURE ==\nReason: disk 93% full on 10.0.0.4\nRunbook: see wiki", {
      frames: [acme, qoveryFrame],
    });
    expect(n.frame).toBe("acme");
    expect(n.templateKey).toBe("disk <*>% full on <*>");
    expect(n.fields).toEqual({ reason: "disk 93% full on 10.0.0.4" });
  });

  it("reads variables from quoted parts or whole values, and masks them in the body", () => {
    const svc = defineVendorFrame({
      name: "svc",
      headers: ["DEPLOY FAILED"],
      fields: { service: "Service", where: "Where", reason: "Reason" },
      body: ["reason"],
      variables: ["service", "where"],
    });
    const message =
      "DEPLOY FAILED\nService: billing-api\nWhere: env 'prod' on 'eu' \nReason: billing-api-7d4f8b9c6-x2x7k in prod crashed; billing-api down";
    const parsed = parseVendorFrame(message, { frames: [svc] });
    expect(parsed?.variables).toEqual(["billing-api", "prod"]); // 'eu' is too short to mask safely
    const n = normalizeMessage(message, { frames: [svc] });
    expect(n.text).toBe("<POD> in <NAME> crashed; <NAME> down");
    expect(n.params.map((p) => `${p.name}=${p.value}`)).toEqual([
      "pod=billing-api-7d4f8b9c6-x2x7k",
      "frame-variable=prod",
      "frame-variable=billing-api",
    ]);
  });

  it.each([
    [
      { name: "x", headers: ["H"], fields: { a: "A" }, body: [], variables: ["b"] },
      /spec\.variables\[0\] names an unknown field/,
    ],
    [{}, /spec\.name must be a string/],
    [{ name: "x", headers: [], fields: {}, body: [] }, /spec\.headers must be a non-empty array/],
    [{ name: "x", headers: [""], fields: {}, body: [] }, /spec\.headers\[0\] must not be empty/],
    [{ name: "x", headers: ["H"], fields: { a: 1 }, body: [] }, /spec\.fields\.a must be a string/],
    [{ name: "x", headers: ["H"], fields: { a: "A" }, body: ["b"] }, /spec\.body\[0\] names an unknown field/],
    [
      { name: "x", headers: ["H"], fields: { a: "A" }, body: [], boilerplate: ["z"] },
      /spec\.boilerplate\[0\] names an unknown field/,
    ],
    [{ name: "x", parse: "nope" }, /spec\.parse must be a function/],
  ])("rejects a malformed spec %#", (spec, message) => {
    expect(() => defineVendorFrame(spec as never)).toThrow(TypeError);
    expect(() => defineVendorFrame(spec as never)).toThrow(message);
  });
});

describe("defineVendorFrame (custom parse)", () => {
  const json = defineVendorFrame({
    name: "json-envelope",
    parse: (message) => {
      if (!message.startsWith('{"error":')) return undefined;
      const { error, requestId } = JSON.parse(message) as { error: string; requestId: string };
      return { frame: "json-envelope", fields: { requestId }, body: error };
    },
  });

  it("uses the hand-written parser", () => {
    const n = normalizeMessage('{"error":"quota exceeded in eu-west-3","requestId":"r-1"}', { frames: [json] });
    expect(n.frame).toBe("json-envelope");
    expect(n.fields).toEqual({ requestId: "r-1" });
    expect(n.templateKey).toBe("quota exceeded in eu-west-<*>");
  });
});

describe("stripVendorFrame", () => {
  it("replaces a framed message by its body and leaves other text alone", () => {
    expect(stripVendorFrame(ISSUE_EXAMPLE)).toMatch(/^error while building container image beta-build/);
    expect(stripVendorFrame(ISSUE_EXAMPLE)).not.toContain("MESSAGE FOR");
    expect(stripVendorFrame("no frame here")).toBe("no frame here");
  });

  it("rejects a malformed frames option", () => {
    expect(() => stripVendorFrame("x", { frames: [{}] as never })).toThrow(
      /options\.frames\[0\]\.parse must be a function/,
    );
    expect(() => parseVendorFrame("x", { frames: "qovery" as never })).toThrow(/options\.frames must be an array/);
  });
});

describe("quoted parts of a variables field", () => {
  const QUOTED = /'[^'\n]{1,128}'|"[^"\n]{1,128}"/g;
  // Quotes, line breaks and runs long enough to cross the 128-character bound.
  const piece = fc.oneof(
    fc.constantFrom("'", '"', "\n", "a", " ", "é", "😀"),
    fc.oneof(fc.nat({ max: 8 }), fc.integer({ min: 126, max: 130 })).map((n) => "x".repeat(n)),
  );
  it("stop at 128 characters between the quotes", () => {
    for (const n of [0, 1, 128, 129]) {
      const out: string[] = [];
      pushQuoted(`a '${"x".repeat(n)}' b`, out);
      expect([n, out]).toEqual([n, n >= 1 && n <= 128 ? ["x".repeat(n)] : []]);
    }
  });
  test.prop([fc.array(piece, { maxLength: 12 }).map((p) => p.join(""))])(
    "are exactly what the quoted-part regex finds",
    (value) => {
      const out: string[] = [];
      const found = pushQuoted(value, out);
      const expected = (value.match(QUOTED) ?? []).map((q) => q.slice(1, -1));
      expect(out).toEqual(expected);
      expect(found).toBe(expected.length > 0);
    },
  );
});

describe("a custom frame's parse result", () => {
  it.each([
    [
      "no object",
      () => "just text",
      /returned a string \("just text"\), expected undefined or \{ frame, fields, body \}/,
    ],
    ["no body", () => ({ frame: "odd", fields: {} }), /returned no body, expected a string/],
    [
      "a number body",
      () => ({ frame: "odd", fields: {}, body: 42 }),
      /returned a body of number 42, expected a string/,
    ],
  ])("is rejected by name when it has %s", (_case, parse, message) => {
    const odd = defineVendorFrame({ name: "odd", parse: parse as never });
    for (const call of [
      () => normalizeMessage("x", { frames: [odd] }),
      () => parseVendorFrame("x", { frames: [odd] }),
      () => stripVendorFrame("x", { frames: [odd] }),
    ]) {
      expect(call).toThrow(TypeError);
      expect(call).toThrow(/^\[@faultline\/normalize\] vendor frame "odd" /);
      expect(call).toThrow(message);
    }
  });
});

describe("labels that start with a letter outside ASCII", () => {
  const local = defineVendorFrame({
    name: "local",
    headers: ["== ÉCHEC DU DÉPLOIEMENT =="],
    fields: { cause: "Échec", advice: "Conseil", where: "Étape" },
    body: ["cause"],
  });

  it("are found whatever the case of their first letter", () => {
    for (const label of ["Échec", "échec", "ÉCHEC"]) {
      const parsed = parseVendorFrame(
        `== ÉCHEC DU DÉPLOIEMENT ==\n * ${label}: disque plein\n * étape: build\n * Conseil: libérez de la place`,
        { frames: [local] },
      );
      expect(parsed?.fields).toEqual({ cause: "disque plein", where: "build", advice: "libérez de la place" });
      expect(parsed?.body).toBe("disque plein");
    }
  });
});
