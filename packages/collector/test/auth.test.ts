import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { verifyCircleCISignature, verifyGitHubSignature } from "../src/auth/hmac";
import { verifyStandardWebhook } from "../src/auth/standard-webhooks";
import { constantTimeEqual } from "../src/internal/constant-time";
import { findExcessiveNesting } from "../src/internal/json";
import { redactHeaders } from "../src/internal/redact";
import { sign } from "./support/helpers";

const bytes = fc.uint8Array({ minLength: 1, maxLength: 512 });
const secret = fc.string({ minLength: 1, maxLength: 64 });

describe("HMAC signatures", () => {
  test.prop([bytes, secret])("verify their own body and fail after any one-byte change", (body, key) => {
    expect(verifyGitHubSignature(body, sign.github(body, key), [key]).success).toBe(true);
    expect(verifyCircleCISignature(body, sign.circleci(body, key), [key]).success).toBe(true);
    const altered = Uint8Array.from(body);
    const at = body.length - 1;
    altered[at] = ((altered[at] ?? 0) + 1) % 256;
    expect(verifyGitHubSignature(altered, sign.github(body, key), [key]).success).toBe(false);
    expect(verifyCircleCISignature(altered, sign.circleci(body, key), [key]).success).toBe(false);
  });

  test.prop([bytes, secret, secret])("fail under another secret", (body, key, other) => {
    fc.pre(key !== other);
    expect(verifyGitHubSignature(body, sign.github(body, key), [other]).success).toBe(false);
  });

  it("accept any of several rotated secrets and upper-case hex", () => {
    const body = Buffer.from("{}");
    const header = sign.github(body, "new").toUpperCase().replace("SHA256=", "sha256=");
    expect(verifyGitHubSignature(body, header, ["old", "new"]).success).toBe(true);
  });
});

describe("verifyStandardWebhook", () => {
  const body = Buffer.from('{"a":1}');
  const now = 1_700_000_000_000;
  const headers = (offset: number) => {
    const ts = now / 1000 + offset;
    return {
      "webhook-id": "m1",
      "webhook-timestamp": String(ts),
      "webhook-signature": `v1,bogus ${sign.standardWebhook("m1", ts, body, "whsec_c2VjcmV0")}`,
    };
  };

  it.each([
    [0, true],
    [300, true],
    [-300, true],
    [301, false],
    [-301, false],
  ])("with a timestamp %i s from now passes: %s", (offset, ok) => {
    expect(verifyStandardWebhook(body, headers(offset), ["whsec_c2VjcmV0"], now, 300).success).toBe(ok);
  });

  it("fails when the id was changed (it is signed)", () => {
    expect(
      verifyStandardWebhook(body, { ...headers(0), "webhook-id": "m2" }, ["whsec_c2VjcmV0"], now, 300).success,
    ).toBe(false);
  });
});

describe("constantTimeEqual", () => {
  test.prop([fc.string(), fc.string()])("agrees with ===", (a, b) => {
    expect(constantTimeEqual(a, b)).toBe(a === b);
  });
});

describe("findExcessiveNesting", () => {
  test.prop([fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 200 })])(
    "flags exactly the documents deeper than the limit",
    (depth, max) => {
      const doc = `${"[".repeat(depth)}${"]".repeat(depth)}`;
      expect(findExcessiveNesting(doc, max) === -1).toBe(depth <= max);
    },
  );

  it("ignores brackets inside strings, escaped quotes included", () => {
    expect(findExcessiveNesting(JSON.stringify({ a: '[[[[\\"{{{{' }), 2)).toBe(-1);
  });
});

describe("redactHeaders", () => {
  it("redacts credential headers and any header carrying a configured secret", () => {
    expect(
      redactHeaders(
        {
          authorization: "Bearer abc",
          "x-forwarded-token": "pre-s3cret-post",
          "x-github-event": "push",
          "webhook-signature": "v1,x",
        },
        ["s3cret"],
      ),
    ).toEqual({
      authorization: "[redacted]",
      "x-forwarded-token": "[redacted]",
      "x-github-event": "push",
      "webhook-signature": "[redacted]",
    });
  });
});

describe("findExcessiveNesting against the parsed depth", () => {
  const depthOf = (value: unknown): number =>
    value !== null && typeof value === "object"
      ? 1 + Math.max(0, ...Object.values(value as Record<string, unknown>).map(depthOf))
      : 0;
  test.prop([fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 1, max: 10 })])(
    "flags a document exactly when it is deeper than the limit",
    (value, max) => {
      const text = JSON.stringify(value);
      expect(findExcessiveNesting(text, max) === -1).toBe(depthOf(value) <= max);
    },
  );

  it("stays linear on strings full of quotes and backslashes, and on an unterminated string", () => {
    expect(findExcessiveNesting(JSON.stringify({ a: '"\\[[[['.repeat(50_000) }), 2)).toBe(-1);
    expect(findExcessiveNesting(`{"a": "${"y".repeat(1_000_000)}`, 2)).toBe(-1);
  });
});
