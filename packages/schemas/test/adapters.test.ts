import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type AdapterResult,
  adapters,
  createCloudBuildAdapter,
  type FaultlineEvent,
  fromAzureDevOps,
  fromCircleCI,
  fromCloudBuild,
  fromGitHub,
  fromGitLab,
  fromQovery,
} from "../src/index";
import { fixturesDir, readFixture, webhookFixtures } from "./helpers/fixtures";

const fixtures = webhookFixtures();
const golden: Record<string, AdapterResult> = Object.assign(
  {},
  ...readdirSync(join(fixturesDir, "golden")).map((f) => readFixture(`golden/${f}`)),
);

function events(result: AdapterResult): FaultlineEvent[] {
  if (!result.success) throw new Error(result.error.message);
  return result.events;
}
const clone = <T>(x: T): T => structuredClone(x);
// biome-ignore lint/suspicious/noExplicitAny: tests edit fixture payloads as untyped JSON.
type Json = Record<string, any>;
const fixture = (name: string) => {
  const f = fixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return clone(f);
};

describe("adapters on every real fixture (golden table)", () => {
  it("cover every fixture file, and the golden table names no other", () => {
    expect(Object.keys(golden).sort()).toEqual(fixtures.map((f) => f.name).sort());
    expect(fixtures.length).toBeGreaterThanOrEqual(54);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))("%s maps to its golden result", (_name, f) => {
    expect(adapters[f.provider](f.payload, f.headers)).toEqual(golden[f.name]);
  });

  it("derive the same ids from the same payload (re-delivery dedupes) and distinct ids otherwise", () => {
    const owners = new Map<string, Set<string>>();
    for (const f of fixtures) {
      const again = adapters[f.provider](clone(f.payload), f.headers);
      expect(again).toEqual(adapters[f.provider](f.payload, f.headers));
      for (const e of again.success ? again.events : []) owners.set(e.id, (owners.get(e.id) ?? new Set()).add(f.name));
    }
    // Fixtures that share an id are copies of one provider object (same deployment, run, build or pull request).
    const shared = [...owners.values()].filter((s) => s.size > 1).map((s) => [...s].sort().join(" = "));
    expect(shared.sort()).toEqual([
      "cloudbuild/CONSTRUCTED.pubsub-push-envelope.cloud-builds.json = cloudbuild/transparency-dev-distributor.build.SUCCESS.json",
      "github/cogni.body.pull_request.closed.merged.json = github/cogni.capture.pull_request.closed.merged.json",
      "github/cogni.body.pull_request.opened.json = github/cogni.capture.pull_request.opened.json",
      "github/cogni.body.workflow_run.in_progress.json = github/cogni.capture.workflow_run.in_progress.json",
      "github/deployment.payload.json = github/deployment.with-installation.payload.json",
      "github/deployment_status.payload.json = github/deployment_status.with-installation.payload.json",
      "github/pull_request.closed.payload.json = github/pull_request.closed.with-organization.payload.json",
      "github/workflow_run.completed.payload.json = github/workflow_run.completed.with-pull-requests.payload.json",
      "gitlab/cogni.body.merge_request.opened.json = gitlab/cogni.capture.merge_request.opened.json",
      "gitlab/go-gitlab.deployment.json = gitlab/goplayground.deployment-event.json",
      "gitlab/go-gitlab.merge_request.json = gitlab/goplayground.merge-request-event.json",
      "gitlab/go-gitlab.pipeline.json = gitlab/goplayground.pipeline-event.json",
    ]);
  });
});

// The semantics the report package depends on, written by hand (the golden files hold the full events).
describe.each([
  ["github/deployment_status.payload.json", "deployed", "success", "production"],
  ["github/deployment.payload.json", "started", undefined, "production"],
  ["github/workflow_run.completed.payload.json", "finished", "success", undefined],
  ["github/cogni.capture.workflow_run.in_progress.json", "started", undefined, undefined],
  ["gitlab/go-gitlab.deployment.json", "deployed", "success", "staging"],
  ["gitlab/zulip.deployment_hook__failed.json", "deployed", "failure", "production"],
  ["gitlab/go-gitlab.pipeline.json", "finished", "success", undefined],
  ["circleci/zulip.github_workflow_completed.json", "finished", "success", undefined],
  ["circleci/zulip.github_job_completed.json", "finished", "success", undefined],
  ["cloudbuild/cavaccineinventory-vial.build.SUCCESS.cleaned.json", "deployed", "success", "staging"],
  ["cloudbuild/solo-io-go-utils.build.repoSource.SUCCESS.json", "finished", "success", undefined],
  ["cloudbuild/CONSTRUCTED.pubsub-push-envelope.cloud-builds.json", "deployed", "success", undefined],
  ["azure-devops/msdocs.ms.vss-release.deployment-completed-event.json", "deployed", "success", "other"],
  ["azure-devops/goplayground.build.complete.json", "finished", "success", undefined],
  ["azure-devops/msdocs.ms.vss-pipelines.run-state-changed-event.json", "finished", "success", undefined],
  ["qovery/CONSTRUCTED.deployment-failure.staging.json", "deployed", "failure", "staging"],
  ["qovery/CONSTRUCTED.deployment-started.preview.json", "started", undefined, "preview"],
])("%s", (name, kind, outcome, environmentKind) => {
  it(`is a ${kind} deployment${outcome ? ` with outcome ${outcome}` : ""}`, () => {
    const f = fixture(name);
    const [event] = events(adapters[f.provider](f.payload, f.headers));
    expect(event).toMatchObject({ type: "deployment", kind, provider: f.provider });
    expect(event?.type === "deployment" && event.outcome).toBe(outcome ?? undefined);
    expect(event?.type === "deployment" && event.environment?.kind).toBe(environmentKind);
  });
});

describe.each([
  ["github/cogni.capture.pull_request.opened.json", "opened", 315],
  ["github/cogni.capture.pull_request.closed.merged.json", "merged", 315],
  ["github/pull_request.closed.payload.json", "closed", 2],
  ["gitlab/cogni.capture.merge_request.opened.json", "opened", 1],
  ["azure-devops/goplayground.git.pullrequest.created.json", "opened", 1],
  ["azure-devops/goplayground.git.pullrequest.merged.json", "merged", 1],
])("%s", (name, action, pullRequest) => {
  it(`is a change ${action} of #${pullRequest}`, () => {
    const f = fixture(name);
    expect(events(adapters[f.provider](f.payload, f.headers))).toMatchObject([{ type: "change", action, pullRequest }]);
  });
});

describe("fromGitHub", () => {
  const status = () => fixture("github/deployment_status.payload.json").payload as Json;

  it.each([
    ["failure", "deployed", "failure"],
    ["error", "deployed", "error"],
    ["in_progress", "started", undefined],
  ])("maps deployment_status %s to %s", (state, kind, outcome) => {
    const payload = status();
    payload.deployment_status.state = state;
    payload.deployment_status.description = "health check failed";
    const [event] = events(fromGitHub(payload, { "x-github-event": "deployment_status" }));
    expect(event).toMatchObject({ kind, providerStatus: state });
    expect(event?.type === "deployment" && event.outcome).toBe(outcome);
    if (outcome) expect(event).toMatchObject({ errorMessage: "health check failed" });
  });

  it.each(["inactive", "pending", "queued"])("ignores deployment_status %s with a reason", (state) => {
    const payload = status();
    payload.deployment_status.state = state;
    expect(fromGitHub(payload)).toMatchObject({
      success: true,
      events: [],
      ignored: { reason: expect.stringContaining(state) },
    });
  });

  it("marks a transient environment as a preview and reads its pull request from the name", () => {
    const payload = status();
    payload.deployment.environment = "pr-77";
    payload.deployment.transient_environment = true;
    payload.deployment_status.environment_url = "https://pr-77.preview.acme.dev";
    expect(events(fromGitHub(payload))[0]).toMatchObject({
      environment: { name: "pr-77", kind: "preview", url: "https://pr-77.preview.acme.dev" },
      pullRequest: 77,
    });
  });

  it("infers a non-production environment as not production when the deployment does not say", () => {
    const payload = status();
    payload.deployment.environment = "non-prod";
    payload.deployment.production_environment = false;
    payload.deployment_status.state = "failure";
    expect(events(fromGitHub(payload, { "x-github-event": "deployment_status" }))[0]).toMatchObject({
      kind: "deployed",
      outcome: "failure",
      environment: { name: "non-prod", kind: "other" },
    });
  });

  it("maps a timed-out workflow run to a failure", () => {
    const payload = fixture("github/workflow_run.completed.payload.json").payload as Json;
    payload.workflow_run.conclusion = "timed_out";
    expect(events(fromGitHub(payload, { "x-github-event": "workflow_run" }))[0]).toMatchObject({
      kind: "finished",
      outcome: "failure",
      providerStatus: "timed_out",
    });
  });

  it("prefers the x-github-event header to the body's shape", () => {
    const payload = status();
    expect(fromGitHub(payload, { "x-github-event": "ping" })).toEqual({
      success: true,
      events: [],
      ignored: { reason: 'GitHub event "ping" is not mapped to a Faultline event' },
    });
    expect(fromGitHub(payload, { "X-GitHub-Event": ["deployment_status"] }).success).toBe(true);
  });

  it("rejects a wrong field naming its path", () => {
    const payload = status();
    payload.deployment_status.state = 3;
    expect(fromGitHub(payload)).toEqual({
      success: false,
      error: {
        provider: "github",
        path: ["deployment_status", "state"],
        message: "deployment_status.state: expected string, received number",
      },
    });
  });

  it("rejects a pull request number our schemas refuse, naming the mapped field", () => {
    const payload = fixture("github/pull_request.opened.payload.json").payload as Json;
    payload.pull_request.number = 0;
    const result = fromGitHub(payload);
    expect(result).toMatchObject({ success: false, error: { provider: "github", path: ["events", 0, "pullRequest"] } });
  });

  it("rejects a payload that is not an object", () => {
    expect(fromGitHub("[]")).toMatchObject({
      success: false,
      error: { path: [], message: expect.stringContaining("received string") },
    });
    expect(fromGitHub(null).success).toBe(false);
  });
});

describe("fromGitLab", () => {
  it("converts GitLab's own time formats to ISO 8601", () => {
    const f = fixture("gitlab/go-gitlab.deployment.json");
    expect(events(fromGitLab(f.payload))[0]?.timestamp).toBe("2021-04-28T21:50:00+02:00");
    const p = fixture("gitlab/go-gitlab.pipeline.json");
    expect(events(fromGitLab(p.payload))[0]).toMatchObject({
      timestamp: "2016-08-12T15:26:29Z",
      startedAt: "2016-08-12T15:23:28Z",
    });
  });

  it("marks review apps as previews even on the development tier", () => {
    const payload = fixture("gitlab/zulip.deployment_hook__failed.json").payload as Json;
    payload.environment = "review/mr-12-fix-login";
    payload.environment_tier = "development";
    payload.status = "success";
    expect(events(fromGitLab(payload))[0]).toMatchObject({
      kind: "deployed",
      outcome: "success",
      environment: { name: "review/mr-12-fix-login", kind: "preview" },
      pullRequest: 12,
    });
  });

  it.each([
    ["merge", "merged"],
    ["close", "closed"],
  ])("maps merge request action %s to %s", (action, expected) => {
    const payload = fixture("gitlab/go-gitlab.merge_request.json").payload as Json;
    payload.object_attributes.action = action;
    expect(events(fromGitLab(payload))[0]).toMatchObject({
      type: "change",
      action: expected,
      id: `gitlab:merge_request:99:${expected}`,
    });
  });

  it("ignores pending pipelines and merge request updates with a reason", () => {
    const pipeline = fixture("gitlab/go-gitlab.pipeline.json").payload as Json;
    pipeline.object_attributes.status = "pending";
    expect(fromGitLab(pipeline)).toMatchObject({
      success: true,
      events: [],
      ignored: { reason: expect.stringContaining("pending") },
    });
    const mr = fixture("gitlab/go-gitlab.merge_request.json").payload as Json;
    mr.object_attributes.action = "update";
    expect(fromGitLab(mr)).toMatchObject({ success: true, events: [] });
  });

  it("rejects an unreadable time naming its path", () => {
    const payload = fixture("gitlab/go-gitlab.deployment.json").payload as Json;
    payload.status_changed_at = "28/04/2021";
    expect(fromGitLab(payload)).toMatchObject({
      success: false,
      error: { provider: "gitlab", path: ["status_changed_at"] },
    });
  });

  it("reads the hook kind from x-gitlab-event when the body has no object_kind", () => {
    const payload = fixture("gitlab/go-gitlab.deployment.json").payload as Json;
    delete payload.object_kind;
    expect(events(fromGitLab(payload, { "x-gitlab-event": "Deployment Hook" }))).toHaveLength(1);
  });
});

describe("fromCircleCI", () => {
  it("maps a failed deploy job to a failed deployment to the environment its name gives", () => {
    const payload = fixture("circleci/zulip.github_job_completed.json").payload as Json;
    payload.job.name = "deploy-production";
    payload.job.status = "failed";
    expect(events(fromCircleCI(payload, { "circleci-event-type": "job-completed" }))[0]).toMatchObject({
      kind: "deployed",
      outcome: "failure",
      environment: { name: "production", kind: "production" },
      pipeline: "sample/deploy-production",
    });
  });

  it.each([
    ["deploy-production", { name: "production", kind: "production" }],
    ["deploy_to_staging", { name: "staging", kind: "staging" }],
    ["deploy-prod-eu-1", { name: "prod", kind: "production" }],
    ["deploy-non-prod", { name: "non-prod", kind: "other" }],
    ["deploy_non_production", { name: "non_production", kind: "other" }],
    ["deploy-nonprod", { name: "nonprod", kind: "other" }],
    ["deploy-pre-prod", { name: "pre-prod", kind: "staging" }],
    ["deploy-qa-prod", { name: "qa-prod", kind: "other" }],
    ["deploy-prod-staging", { name: "prod-staging", kind: "staging" }],
    ["test-and-deploy-prod", { name: "prod", kind: "production" }],
    ["deploy-review-app", { name: "review", kind: "preview" }],
    ["deploy", undefined],
    ["deploy-dev", undefined],
  ])("reads the environment of deploy job %s with its qualifiers", (name, environment) => {
    const payload = fixture("circleci/zulip.github_job_completed.json").payload as Json;
    payload.job.name = name;
    const [event] = events(fromCircleCI(payload, { "circleci-event-type": "job-completed" }));
    expect(event).toMatchObject({ kind: "deployed" });
    expect(event?.type === "deployment" && event.environment).toEqual(environment);
  });

  it.each([
    ["canceled", "cancelled"],
    ["error", "error"],
  ])("maps workflow status %s to %s", (status, outcome) => {
    const payload = fixture("circleci/zulip.github_workflow_completed.json").payload as Json;
    payload.workflow.status = status;
    expect(events(fromCircleCI(payload))[0]).toMatchObject({ outcome });
  });

  it("rejects a job-completed event without its job", () => {
    const payload = fixture("circleci/zulip.github_job_completed.json").payload as Json;
    delete payload.job;
    expect(fromCircleCI(payload)).toMatchObject({ success: false, error: { provider: "circleci", path: ["job"] } });
  });

  it("ignores other event types with a reason", () => {
    expect(fromCircleCI({ type: "ping" })).toEqual({
      success: true,
      events: [],
      ignored: { reason: 'CircleCI event "ping" is not mapped to a Faultline event' },
    });
  });
});

describe("fromCloudBuild", () => {
  const build = () => fixture("cloudbuild/cavaccineinventory-vial.build.SUCCESS.cleaned.json").payload as Json;
  const envelope = (b: unknown) => ({
    message: {
      data: Buffer.from(JSON.stringify(b)).toString("base64"),
      attributes: {},
      messageId: "1",
      publishTime: "2021-04-28T17:25:36Z",
    },
    subscription: "projects/p/subscriptions/s",
  });

  it("reads the same build from a Pub/Sub envelope and bare", () => {
    expect(fromCloudBuild(envelope(build()))).toEqual(fromCloudBuild(build()));
  });

  it.each([
    ["FAILURE", "failure"],
    ["TIMEOUT", "failure"],
    ["INTERNAL_ERROR", "error"],
    ["CANCELLED", "cancelled"],
    ["EXPIRED", "cancelled"],
  ])("maps %s to %s with the failure detail", (status, outcome) => {
    const b = build();
    b.status = status;
    b.failureInfo = {
      type: "USER_BUILD_STEP",
      detail: 'Build step failure: build step 1 "gcr.io/cloud-builders/gcloud" failed',
    };
    expect(events(fromCloudBuild(envelope(b)))[0]).toMatchObject({
      outcome,
      providerStatus: status,
      errorMessage: 'Build step failure: build step 1 "gcr.io/cloud-builders/gcloud" failed',
    });
  });

  it.each(["QUEUED", "WORKING", "PENDING", "STATUS_UNKNOWN"])("ignores the non-terminal status %s", (status) => {
    const b = build();
    b.status = status;
    expect(fromCloudBuild(envelope(b))).toMatchObject({
      success: true,
      events: [],
      ignored: { reason: expect.stringContaining(status) },
    });
  });

  it("uses the publish time when finishTime is missing", () => {
    const b = build();
    delete b.finishTime;
    expect(events(fromCloudBuild(envelope(b)))[0]).toMatchObject({ timestamp: "2021-04-28T17:25:36Z" });
  });

  it("reads the pull request of a PR trigger", () => {
    const b = build();
    b.substitutions._PR_NUMBER = "311";
    expect(events(fromCloudBuild(b))[0]).toMatchObject({ pullRequest: 311 });
  });

  it("takes service and environment substitutions from options", () => {
    const b = build();
    b.substitutions = { _APP: "api", _TARGET: "prod-eu", COMMIT_SHA: "7860c99ea90fb27d442701275149a4012c970fcb" };
    const adapter = createCloudBuildAdapter({ serviceSubstitutions: ["_APP"], environmentSubstitutions: ["_TARGET"] });
    expect(events(adapter(b))[0]).toMatchObject({
      service: "api",
      environment: { name: "prod-eu", kind: "production" },
      kind: "deployed",
    });
    expect(events(fromCloudBuild(b))[0]).toMatchObject({ kind: "finished", service: "api" });
  });

  it("leaves out a logUrl that is not a URL instead of rejecting the build", () => {
    const b = build();
    b.logUrl = "console/builds;region=x";
    const [event] = events(fromCloudBuild(envelope(b)));
    expect(event).toMatchObject({ kind: "deployed", outcome: "success" });
    expect(event && "url" in event).toBe(false);
  });

  // cavaccineinventory-vial names its environment in _DEPLOY ("staging"); others use it as a yes/no flag.
  it.each([
    ["staging", "deployed", { name: "staging", kind: "staging" }],
    ["false", "finished", undefined],
    ["FALSE", "finished", undefined],
    ["0", "finished", undefined],
    ["no", "finished", undefined],
    ["off", "finished", undefined],
    ["", "finished", undefined],
    ["  ", "finished", undefined],
    ["true", "deployed", undefined],
    ["1", "deployed", undefined],
  ])("reads _DEPLOY %j as kind %s with environment %j", (value, kind, environment) => {
    const b = build();
    b.substitutions._DEPLOY = value;
    const [event] = events(fromCloudBuild(b));
    expect(event).toMatchObject({ kind });
    expect(event?.type === "deployment" && event.environment).toEqual(environment);
  });

  it("lets a false flag veto a named environment, but not a gcloud run deploy step, which always runs", () => {
    const b = build();
    b.substitutions._ENV = "staging";
    b.substitutions._DEPLOY = "false";
    expect(events(fromCloudBuild(b))[0]).toMatchObject({ kind: "finished", environment: { name: "staging" } });
    const f = fixture("cloudbuild/transparency-dev-distributor.build.SUCCESS.json").payload as Json;
    f.substitutions._DEPLOY = "false";
    const [event] = events(fromCloudBuild(f));
    expect(event).toMatchObject({ kind: "deployed", service: "distributor-service-dev" });
    expect(event?.type === "deployment" && event.environment).toBeUndefined();
  });

  it("treats a blank service substitution as unset, like a blank environment one", () => {
    const b = build();
    b.substitutions._SERVICE_NAME = "  ";
    b.substitutions._SERVICE = "api";
    expect(events(fromCloudBuild(b))[0]).toMatchObject({ service: "api" });
  });

  it("throws a TypeError for malformed options", () => {
    expect(() => createCloudBuildAdapter({ serviceSubstitutions: [""] })).toThrow(
      "[@faultline/schemas] createCloudBuildAdapter: options.serviceSubstitutions must be an array of non-empty strings",
    );
  });

  it("rejects data that is not base64 JSON, and a bad field inside it with its full path", () => {
    expect(fromCloudBuild({ message: { data: "bm90IGpzb24=" } })).toMatchObject({
      success: false,
      error: { provider: "cloudbuild", path: ["message", "data"] },
    });
    const b = build();
    b.status = 7;
    expect(fromCloudBuild(envelope(b))).toMatchObject({
      success: false,
      error: { path: ["message", "data", "status"], message: "message.data.status: expected string, received number" },
    });
  });
});

describe("fromAzureDevOps", () => {
  const pr = () => fixture("azure-devops/goplayground.git.pullrequest.merged.json").payload as Json;

  it("ignores a merge attempt on a pull request that is still active", () => {
    const payload = pr();
    payload.resource.status = "active";
    expect(fromAzureDevOps(payload)).toMatchObject({
      success: true,
      events: [],
      ignored: { reason: expect.stringContaining("active") },
    });
  });

  it("maps an abandoned pull request to closed", () => {
    const payload = pr();
    payload.eventType = "git.pullrequest.updated";
    payload.resource.status = "abandoned";
    expect(events(fromAzureDevOps(payload))[0]).toMatchObject({ type: "change", action: "closed" });
  });

  it.each([
    ["partiallySucceeded", "failure"],
    ["rejected", "failure"],
    ["canceled", "cancelled"],
  ])("maps release environment status %s to %s", (status, outcome) => {
    const payload = fixture("azure-devops/msdocs.ms.vss-release.deployment-completed-event.json").payload as Json;
    payload.resource.environment.status = status;
    expect(events(fromAzureDevOps(payload))[0]).toMatchObject({ kind: "deployed", outcome, providerStatus: status });
  });

  it("maps an in-progress pipeline run to started", () => {
    const payload = fixture("azure-devops/msdocs.ms.vss-pipelines.run-state-changed-event.json").payload as Json;
    payload.resource.run.state = "inProgress";
    delete payload.resource.run.result;
    expect(events(fromAzureDevOps(payload))[0]).toMatchObject({
      kind: "started",
      id: "azure-devops:run:11:11:inProgress",
    });
  });

  // "Rerun failed jobs" completes the same build (same resource.id) a second time, later.
  it.each([
    ["azure-devops/goplayground.build.complete.json", ["resource"], "finishTime"],
    ["azure-devops/msdocs.ms.vss-pipelines.run-state-changed-event.json", ["resource", "run"], "finishedDate"],
  ])("gives a second completion of %s its own id, and a redelivery the same", (name, at, timeField) => {
    const first = fixture(name).payload as Json;
    const target = (p: Json): Json => at.reduce((o, k) => o[k], p);
    target(first).result = "failed";
    const second = clone(first);
    second.id = "another-notification";
    target(second).result = "succeeded";
    target(second)[timeField] = "2020-01-02T03:04:05Z";
    const [a] = events(fromAzureDevOps(first));
    const [b] = events(fromAzureDevOps(second));
    expect(a).toMatchObject({ outcome: "failure" });
    expect(b).toMatchObject({ outcome: "success", timestamp: "2020-01-02T03:04:05Z" });
    expect(b?.id).not.toBe(a?.id);
    expect(b?.id).toMatch(/:2020-01-02T03:04:05Z$/);
    expect(events(fromAzureDevOps(clone(second)))[0]?.id).toBe(b?.id);
  });

  it("rejects a payload without eventType", () => {
    expect(fromAzureDevOps({ resource: {} })).toMatchObject({ success: false, error: { path: ["eventType"] } });
  });
});

describe("fromQovery", () => {
  it("emits an environment-deleted event when a preview environment is deleted", () => {
    const f = fixture("qovery/CONSTRUCTED.deployment-successful.deleted-preview.json");
    expect(events(fromQovery(f.payload))).toMatchObject([
      { type: "environment", action: "deleted", preview: true, pullRequest: 42, environment: { kind: "preview" } },
    ]);
  });

  it("emits one deployment per deployed service", () => {
    const f = fixture("qovery/CONSTRUCTED.deployment-successful.production.json");
    expect(events(fromQovery(f.payload)).map((e) => e.type === "deployment" && e.service)).toEqual([
      "checkout",
      "redis-cache",
    ]);
  });

  it("ignores a stop and a failed deletion with a reason", () => {
    const stop = fixture("qovery/CONSTRUCTED.deployment-successful.production.json").payload as Json;
    stop.payload.desired_status = "STOPPED";
    expect(fromQovery(stop)).toMatchObject({
      success: true,
      events: [],
      ignored: { reason: expect.stringContaining("STOPPED") },
    });
    const del = fixture("qovery/CONSTRUCTED.deployment-successful.deleted-preview.json").payload as Json;
    del.event_type = "DEPLOYMENT_FAILURE";
    expect(fromQovery(del)).toMatchObject({ success: true, events: [] });
  });

  it("rejects a payload without its environment", () => {
    const payload = fixture("qovery/CONSTRUCTED.deployment-failure.staging.json").payload as Json;
    delete payload.payload.environment;
    expect(fromQovery(payload)).toMatchObject({
      success: false,
      error: { provider: "qovery", path: ["payload", "environment"] },
    });
  });
});

describe("adapters", () => {
  it("routes every provider name to its adapter", () => {
    expect(adapters).toEqual({
      cloudbuild: fromCloudBuild,
      circleci: fromCircleCI,
      "azure-devops": fromAzureDevOps,
      github: fromGitHub,
      gitlab: fromGitLab,
      qovery: fromQovery,
    });
    expect(Object.isFrozen(adapters)).toBe(true);
  });
});
