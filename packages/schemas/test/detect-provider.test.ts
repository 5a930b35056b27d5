import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { adapters, detectProvider, fromAnyProvider } from "../src/index";
import { webhookFixtures } from "./helpers/fixtures";

describe("detectProvider", () => {
  const fixtures = webhookFixtures();

  it.each(fixtures.map((f) => [f.name, f] as const))("%s: the body alone names its provider", (_name, f) => {
    expect(detectProvider(f.payload)).toBe(f.provider);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))(
    "%s: fromAnyProvider equals the provider's own adapter",
    (_name, f) => {
      const r = fromAnyProvider(f.payload, f.headers);
      expect(r.provider).toBe(f.provider);
      const { provider: _p, ...result } = r;
      expect(result).toEqual(adapters[f.provider](f.payload, f.headers));
    },
  );

  it("trusts the event-type headers over the body", () => {
    expect(detectProvider({}, { "x-github-event": "ping" })).toBe("github");
    expect(detectProvider({}, { "X-Gitlab-Event": "Push Hook" })).toBe("gitlab");
    expect(detectProvider({}, { "circleci-event-type": "workflow-completed" })).toBe("circleci");
  });

  it("rejects what no provider sends, naming the fields it saw", () => {
    const r = fromAnyProvider({ service: "api", deployedAt: "2026-11-24" });
    expect(r).toEqual({
      success: false,
      provider: undefined,
      error: {
        path: [],
        message:
          "not a webhook payload of Cloud Build, CircleCI, Azure DevOps, GitHub, GitLab or Qovery (top-level fields: service, deployedAt)",
      },
    });
    expect(fromAnyProvider(null)).toMatchObject({ success: false, error: { message: /received null/ } });
    expect(fromAnyProvider([1, 2])).toMatchObject({ success: false, error: { message: /received object/ } });
  });

  test.prop([fc.anything()])("never throws, and a detected provider's adapter gives the result", (payload) => {
    const r = fromAnyProvider(payload);
    if (r.provider !== undefined) expect(typeof r.success).toBe("boolean");
    else expect(r.success).toBe(false);
  });
});
