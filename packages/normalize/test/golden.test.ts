import { describe, expect, it } from "vitest";
import { normalizeMessage, parseVendorFrame } from "../src/index";
import expected from "./fixtures/golden-expected.json";
import { GOLDEN_INPUTS, ISSUE_EXAMPLE } from "./fixtures/golden-messages";

// Each expected row was reviewed by hand when written: texts keep the words that name the cause and
// replace every variable part by a named placeholder, keys unify placeholders to <*>, and params give
// the replaced values back in text order.
const table = GOLDEN_INPUTS.map((input, i) => ({ ...input, expected: expected[i]! }));

describe("normalizeMessage golden table", () => {
  it("has one expectation per input, in order", () => {
    expect(expected.map((e) => e.name)).toEqual(GOLDEN_INPUTS.map((c) => c.name));
  });

  it.each(table)("$name", ({ message, expected: want }) => {
    const n = normalizeMessage(message);
    expect(n.frame ?? null).toBe(want.frame);
    expect(n.text).toBe(want.text);
    expect(n.templateKey).toBe(want.templateKey);
    expect(n.params.map((p) => `${p.name}=${p.value}`)).toEqual(want.params);
    // Every param's value is text of the original message.
    for (const p of n.params) expect(message).toContain(p.value);
  });
});

describe("qoveryFrame on the issue #4 example", () => {
  it("parses the fields and drops the support boilerplate", () => {
    const parsed = parseVendorFrame(ISSUE_EXAMPLE);
    expect(parsed).toEqual({
      frame: "qovery",
      fields: {
        executionId: "d5ab51f0-94d3-4671-8dc6-77fc228f2e35-6-1627037439",
        scope: "Build platform 'beta-build' with id 'ze9e19029'",
        rollbackMessage: "",
        errorMessage:
          'error while building container image beta-build (ze9e19029). Error: SimpleError { kind: Command(ExitStatus(ExitStatus(256))), message: Some("error while executing an internal command") }',
        hint: "It looks like there is something wrong in your Dockerfile. Try run locally using `qovery run` or build with `docker build --no-cache`",
      },
      body: 'error while building container image beta-build (ze9e19029). Error: SimpleError { kind: Command(ExitStatus(ExitStatus(256))), message: Some("error while executing an internal command") }\nIt looks like there is something wrong in your Dockerfile. Try run locally using `qovery run` or build with `docker build --no-cache`',
      variables: ["beta-build", "ze9e19029"],
    });
    expect(normalizeMessage(ISSUE_EXAMPLE).text).not.toMatch(/Need help|discord/i);
  });

  it("masks the scope's application name in the body, after the rules", () => {
    const n = normalizeMessage(ISSUE_EXAMPLE);
    expect(parseVendorFrame(ISSUE_EXAMPLE)?.variables).toEqual(["beta-build", "ze9e19029"]);
    expect(n.text).toMatch(/^error while building container image <NAME> \(<ID>\)\./);
    expect(n.params.map((p) => p.name)).toEqual(["frame-variable", "id", "number"]);
  });

  it("keeps a multi-line error message whole", () => {
    const n = normalizeMessage(GOLDEN_INPUTS[1]!.message);
    expect(n.fields.errorMessage?.split("\n")).toHaveLength(5);
    expect(n.fields.errorMessage).toContain("ERROR: failed to solve");
    expect(n.fields.hint).toBe("Check the build logs; the build works locally with `docker build .`");
  });

  it("reads the rollback message and a frame without a hint", () => {
    const n = normalizeMessage(GOLDEN_INPUTS[2]!.message);
    expect(n.fields.rollbackMessage).toBe("Rollback to version 3f2a9c1 succeeded");
    expect(n.fields).not.toHaveProperty("hint");
  });

  it("gives the same fields with Windows line endings", () => {
    const crlf = normalizeMessage(GOLDEN_INPUTS[3]!.message);
    const lf = normalizeMessage(GOLDEN_INPUTS[3]!.message.replace(/\r\n/g, "\n"));
    expect(crlf.fields).toEqual(lf.fields);
    expect(crlf.templateKey).toBe(lf.templateKey);
  });

  it("groups two occurrences of one cause, in two applications, under one key", () => {
    const other = ISSUE_EXAMPLE.replaceAll("ze9e19029", "z1b2c3d44")
      .replaceAll("beta-build", "checkout")
      .replace("d5ab51f0-94d3-4671-8dc6-77fc228f2e35-6-1627037439", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d-1-1700000000")
      .replace("256", "1");
    expect(normalizeMessage(other).templateKey).toBe(normalizeMessage(ISSUE_EXAMPLE).templateKey);
  });
});
