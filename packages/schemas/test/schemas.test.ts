import { describe, expect, it } from "vitest";
import { DeploymentErrorEvent, DeploymentEvent, ErrorBatch, FaultlineEvent, MetricPoint } from "../src/index";

describe("DeploymentErrorEvent", () => {
  it("keeps unknown extra fields", () => {
    const parsed = DeploymentErrorEvent.parse({ scope: "ENVIRONMENT", message: "boom", execution_id: "x-1" });
    expect(parsed).toEqual({ scope: "ENVIRONMENT", message: "boom", execution_id: "x-1" });
  });

  it("names the path of a wrong field inside a batch", () => {
    const result = ErrorBatch.safeParse({ events: [{ message: "ok" }, { message: 42 }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["events", 1, "message"]);
  });
});

describe("DeploymentEvent", () => {
  const deploy = {
    type: "deployment",
    id: "d-1",
    source: "github.com/acme/shop",
    provider: "github",
    timestamp: "2026-11-23T10:00:00Z",
    kind: "deployed",
    outcome: "success",
    service: "checkout",
    environment: { name: "production", kind: "production" },
    commitMessage: "fix: rounding in cart totals",
  } as const;

  it("accepts a complete deployment and the FaultlineEvent union routes it by type", () => {
    expect(DeploymentEvent.parse(deploy)).toEqual(deploy);
    expect(FaultlineEvent.parse(deploy).type).toBe("deployment");
  });

  it("rejects a timestamp without an offset", () => {
    const result = DeploymentEvent.safeParse({ ...deploy, timestamp: "2026-11-23 10:00:00" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["timestamp"]);
  });
});

describe("MetricPoint", () => {
  it("rejects a non-finite value", () => {
    const result = MetricPoint.safeParse({
      type: "metric",
      name: "signups",
      timestamp: "2026-11-24T00:00:00Z",
      value: Number.POSITIVE_INFINITY,
    });
    expect(result.success).toBe(false);
  });
});
