import { describe, expect, it } from "vitest";

describe("@faultline/schemas exports", () => {
  it("are exactly these names", async () => {
    expect(Object.keys(await import("../src/index")).sort()).toMatchInlineSnapshot(`
      [
        "CDEVENTS_SPEC_VERSION",
        "ChangeAction",
        "ChangeEvent",
        "DeploymentErrorEvent",
        "DeploymentEvent",
        "DeploymentKind",
        "DeploymentOutcome",
        "Environment",
        "EnvironmentAction",
        "EnvironmentEvent",
        "EnvironmentKind",
        "ErrorBatch",
        "EventBase",
        "FaultlineEvent",
        "MetricPoint",
        "Provider",
        "PullRequestNumber",
        "Timestamp",
        "adapters",
        "createCloudBuildAdapter",
        "detectProvider",
        "fromAnyProvider",
        "fromAzureDevOps",
        "fromCDEvent",
        "fromCircleCI",
        "fromCloudBuild",
        "fromCloudEvent",
        "fromGitHub",
        "fromGitLab",
        "fromQovery",
        "inferEnvironmentKind",
        "pullRequestFromEnvironmentName",
        "toCDEvent",
        "toCloudEvent",
        "toJSONSchemas",
      ]
    `);
  });
});
