import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  DeploymentErrorEvent,
  DeploymentEvent,
  ErrorBatch,
  FaultlineEvent,
  inferEnvironmentKind,
  MetricPoint,
  pullRequestFromEnvironmentName,
} from "../src/index";
import { faultlineEvent } from "./helpers/arbitraries";

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

describe("FaultlineEvent round trip", () => {
  test.prop([faultlineEvent], { numRuns: 300 })(
    "parse(serialize(x)) deep-equals x, unknown extra fields included",
    (event) => {
      expect(FaultlineEvent.parse(JSON.parse(JSON.stringify(event)))).toEqual(event);
    },
  );

  test.prop([
    fc.record({ message: fc.string(), scope: fc.string(), x_extra: fc.integer() }, { requiredKeys: ["message"] }),
  ])("ErrorBatch parse(serialize(x)) deep-equals x", (event) => {
    const batch = { events: [event, event], row_id: 7 };
    expect(ErrorBatch.parse(JSON.parse(JSON.stringify(batch)))).toEqual(batch);
  });
});

describe("DeploymentEvent additions", () => {
  it("accepts pipeline, providerStatus, artifactId and errorMessage, and refuses empty ones", () => {
    const event = {
      type: "deployment",
      id: "d-2",
      source: "//cloudbuild.googleapis.com/projects/p",
      provider: "cloudbuild",
      timestamp: "2026-11-23T10:00:00Z",
      kind: "finished",
      outcome: "failure",
      pipeline: "deploy-prod",
      providerStatus: "TIMEOUT",
      artifactId: "pkg:oci/shop@sha256%3Aabc",
      errorMessage: "step 3 timed out",
    };
    expect(DeploymentEvent.parse(event)).toEqual(event);
    expect(DeploymentEvent.safeParse({ ...event, pipeline: "" }).error?.issues[0]?.path).toEqual(["pipeline"]);
  });
});

describe("inferEnvironmentKind", () => {
  it.each([
    ["production", "production"],
    ["prod", "production"],
    ["eu-prod-2", "production"],
    ["Live", "production"],
    ["staging", "staging"],
    ["stg-eu", "staging"],
    ["pre-prod", "staging"],
    ["preprod", "staging"],
    ["uat", "staging"],
    ["pr-123", "preview"],
    ["PR123", "preview"],
    ["preview/feature-x", "preview"],
    ["review/fix-login", "preview"],
    ["checkout-pr-42", "preview"],
    ["mr-7", "preview"],
    ["dev", "other"],
    ["qa", "other"],
    ["Dev", "other"],
    ["product-catalog", "other"],
    ["prodigy", "other"],
  ] as const)("%s → %s", (name, kind) => {
    expect(inferEnvironmentKind(name)).toBe(kind);
  });

  // Names real teams give environments (GitHub environments, GitLab environments, Azure stages, Helm values,
  // Cloud Build substitutions), one table so a change to the rules shows every name it moves.
  it.each([
    // production, with regions, numbers and capitals
    ["prd", "production"],
    ["PROD", "production"],
    ["prod-eu-1", "production"],
    ["prod-us-east-1", "production"],
    ["us-production", "production"],
    ["Production US", "production"],
    ["prod1", "production"],
    ["live-eu", "production"],
    ["prod-canary", "production"],
    ["prod-blue", "production"],
    ["production/eu-west-1", "production"],
    // staging, including the environment before production, and a staging word beside a production one
    ["stage", "staging"],
    ["stg2", "staging"],
    ["pre-production", "staging"],
    ["pre_prod", "staging"],
    ["Pre-Live", "staging"],
    ["prelive", "staging"],
    ["uat-2", "staging"],
    ["staging-prod-data", "staging"],
    ["prod-staging", "staging"],
    // negated production words: everything that is not production
    ["non-prod", "other"],
    ["non-production", "other"],
    ["non_prod", "other"],
    ["nonprod", "other"],
    ["NonProd", "other"],
    ["not-prod", "other"],
    ["non-live", "other"],
    // a production word beside a non-production one
    ["qa-prod", "other"],
    ["sandbox-prod", "other"],
    ["prod-like", "other"],
    ["production-mirror", "other"],
    ["perf-prod", "other"],
    ["dev-prod", "other"],
    ["prod-test", "other"],
    // neither
    ["development", "other"],
    ["test", "other"],
    ["integration", "other"],
    ["sandbox", "other"],
    ["demo", "other"],
    ["canary", "other"],
    ["local", "other"],
    ["print-service", "other"],
    ["prometheus", "other"],
    ["", "other"],
    // previews win over everything else in the name
    ["review/pr-123", "preview"],
    ["preview", "preview"],
    ["pr-7-prod", "preview"],
    ["live-preview", "preview"],
  ] as const)("real-world name %s → %s", (name, kind) => {
    expect(inferEnvironmentKind(name)).toBe(kind);
  });

  it.each([
    ["pr-123", 123],
    ["review/mr-7-fix", 7],
    ["checkout-pr42", 42],
    ["preview/feature-x", undefined],
    ["production", undefined],
    ["pr-0", undefined],
  ] as const)("pullRequestFromEnvironmentName(%s) → %s", (name, pr) => {
    expect(pullRequestFromEnvironmentName(name)).toBe(pr);
  });
});
