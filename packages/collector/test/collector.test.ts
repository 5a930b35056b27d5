import { randomUUID } from "node:crypto";
import type { FaultlineEvent } from "@faultline/schemas";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import {
  type Collector,
  type CollectorOptions,
  type CollectorResponse,
  type CollectorStore,
  createCollector,
  createSqliteStore,
  type WebhookAdapter,
} from "../src/index";
import { bodyHash } from "../src/internal/delivery-id";
import {
  type Backend,
  backends,
  COGNI_SECRET,
  capture,
  fixtureBytes,
  oidcKey,
  sign,
  tempFile,
} from "./support/helpers";

const NOW = Date.parse("2026-11-24T12:00:00Z");
const CIRCLE_SECRET = "circle-secret-value-123";
const AZURE_PASSWORD = "azure-password-456";
const QOVERY_SECRET = "qovery-secret-789";
const ERRORS_TOKEN = "errors-token-abc";
const QUERY_TOKEN = "query-token-def";
const CDEVENTS_TOKEN = "cdevents-token-ghi";
const GITLAB_SIGNING = `whsec_${Buffer.from("gitlab-signing-key-bytes").toString("base64")}`;
const key = oidcKey("k1");
const otherKey = oidcKey("k1");
const AUDIENCE = "https://collector.example.com/webhooks/cloudbuild";
const SERVICE_ACCOUNT = "pusher@acme.iam.gserviceaccount.com";
const ALL_SECRETS = [
  COGNI_SECRET,
  CIRCLE_SECRET,
  AZURE_PASSWORD,
  QOVERY_SECRET,
  ERRORS_TOKEN,
  QUERY_TOKEN,
  CDEVENTS_TOKEN,
  GITLAB_SIGNING,
];

// A minimal CDEvents adapter: the collector's contract is the adapter signature, so any adapter plugs in.
const cdeventsAdapter: WebhookAdapter = (payload) => {
  const p = payload as {
    context?: { id?: string; source?: string; timestamp?: string };
    subject?: { content?: { environment?: { id?: string } } };
  };
  if (!p.context?.id || !p.context.source || !p.context.timestamp) {
    return {
      success: false,
      error: { provider: "cdevents", path: ["context"], message: "expected id, source and timestamp" },
    };
  }
  return {
    success: true,
    events: [
      {
        type: "deployment",
        id: p.context.id,
        source: p.context.source,
        provider: "cdevents",
        timestamp: p.context.timestamp,
        kind: "deployed",
        environment: { name: p.subject?.content?.environment?.id ?? "unknown", kind: "other" },
      } as FaultlineEvent,
    ],
  };
};

function baseOptions(store: CollectorStore): CollectorOptions {
  return {
    store,
    now: () => NOW,
    adapters: { cdevents: cdeventsAdapter },
    auth: {
      github: { secret: ["old-rotated-secret", COGNI_SECRET] },
      gitlab: { token: COGNI_SECRET, signingToken: GITLAB_SIGNING },
      circleci: { secret: CIRCLE_SECRET },
      "azure-devops": { username: "faultline", password: AZURE_PASSWORD },
      qovery: { secret: QOVERY_SECRET },
      cloudbuild: { audience: AUDIENCE, serviceAccountEmail: SERVICE_ACCOUNT, jwks: { keys: [key.jwk] } },
      cdevents: { token: CDEVENTS_TOKEN },
      errors: { token: ERRORS_TOKEN },
      query: { token: QUERY_TOKEN },
    },
  };
}

let store: CollectorStore;
let collector: Collector;

beforeEach(async () => {
  store = await createSqliteStore({ filename: tempFile("collector.db") });
  collector = createCollector(baseOptions(store));
});
afterEach(async () => {
  await store.close();
});

function post(path: string, headers: Record<string, string>, body: Uint8Array | string): Promise<CollectorResponse> {
  return collector.handle({
    method: "POST",
    url: path,
    headers: { "content-type": "application/json", ...headers },
    rawBody: typeof body === "string" ? Buffer.from(body) : body,
  });
}

function bodyOf(response: CollectorResponse): Record<string, unknown> & { error?: { code: string; message: string } } {
  return JSON.parse(response.body);
}

function expectNoSecret(text: string): void {
  for (const secret of ALL_SECRETS) expect(text).not.toContain(secret);
}

function github(name: string, overrides: Record<string, string> = {}) {
  const c = capture(name);
  return post("/webhooks/github", { ...c.headers, ...overrides }, c.body);
}

describe("GitHub (real captures, X-Hub-Signature-256)", () => {
  it.each([
    ["cogni.capture.pull_request.opened.json", "change"],
    ["cogni.capture.pull_request.closed.merged.json", "change"],
    ["cogni.capture.workflow_run.in_progress.json", "deployment"],
  ])("stores %s with its normalized %s event", async (name, type) => {
    const response = await github(name);
    expect(response.status).toBe(200);
    const c = capture(name);
    expect(bodyOf(response)).toMatchObject({
      ok: true,
      status: "stored",
      source: "github",
      deliveryId: c.headers["x-github-delivery"],
      events: 1,
    });
    const stored = await store.getDelivery("github", c.headers["x-github-delivery"] as string);
    expect(stored?.body).toBe(c.body.toString("utf8"));
    expect(stored?.events[0]?.type).toBe(type);
    expect(stored?.events[0]?.rawRef).toBe(`github#${c.headers["x-github-delivery"]}`);
    expect(stored?.headers["x-hub-signature-256"]).toBe("[redacted]");
    expect(stored?.headers["x-hub-signature"]).toBe("[redacted]");
    expect(stored?.headers["x-github-event"]).toBe(c.headers["x-github-event"]);
    expectNoSecret(JSON.stringify(stored));
  });

  it("stores the same delivery sent 10 times once", async () => {
    const responses = [];
    for (let i = 0; i < 10; i++) responses.push(await github("cogni.capture.pull_request.opened.json"));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(responses.slice(1).every((r) => bodyOf(r).status === "duplicate")).toBe(true);
    expect(await store.counts()).toEqual({ deliveries: 1, events: 1, errors: 0 });
  });

  it("stores the same delivery sent 10 times concurrently once", async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => github("cogni.capture.pull_request.opened.json")),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(responses.filter((r) => bodyOf(r).status === "stored")).toHaveLength(1);
    expect(await store.counts()).toEqual({ deliveries: 1, events: 1, errors: 0 });
  });

  it("keeps the event once when a captured body is replayed under a new delivery id", async () => {
    await github("cogni.capture.pull_request.opened.json");
    const replay = await github("cogni.capture.pull_request.opened.json", { "x-github-delivery": randomUUID() });
    expect(replay.status).toBe(200);
    expect(bodyOf(replay)).toMatchObject({ status: "stored", events: 0 });
    expect((await store.changes()).length).toBe(1);
  });

  it.each([
    ["a wrong signature", { "x-hub-signature-256": sign.github(Buffer.from("other"), COGNI_SECRET) }, /does not match/],
    ["a signature with the wrong secret", { "x-hub-signature-256": `sha256=${"0".repeat(64)}` }, /does not match/],
    ["a malformed signature", { "x-hub-signature-256": "sha1=abc" }, /malformed/],
  ])("answers 401 for %s and stores nothing", async (_label, headers, message) => {
    const response = await github("cogni.capture.pull_request.opened.json", headers);
    expect(response.status).toBe(401);
    expect(bodyOf(response).error?.message).toMatch(message);
    expectNoSecret(response.body);
    expect((await store.counts()).deliveries).toBe(0);
  });

  it("answers 401 when the signature header is missing or the body was altered", async () => {
    const c = capture("cogni.capture.pull_request.opened.json");
    const { "x-hub-signature-256": _, ...unsigned } = c.headers;
    expect((await post("/webhooks/github", unsigned, c.body)).status).toBe(401);
    const altered = Buffer.from(c.body);
    altered.writeUInt8(altered.readUInt8(altered.length - 2) ^ 1, altered.length - 2);
    expect((await post("/webhooks/github", c.headers, altered)).status).toBe(401);
  });

  it("accepts the form content type, whose signature covers the form bytes", async () => {
    const json = capture("cogni.capture.pull_request.opened.json").body.toString("utf8");
    const form = Buffer.from(`payload=${encodeURIComponent(json)}`);
    const response = await post(
      "/webhooks/github",
      {
        "content-type": "application/x-www-form-urlencoded",
        "x-github-event": "pull_request",
        "x-github-delivery": "form-1",
        "x-hub-signature-256": sign.github(form, COGNI_SECRET),
      },
      form,
    );
    expect(response.status).toBe(200);
    expect(bodyOf(response)).toMatchObject({ status: "stored", events: 1 });
  });

  it("answers 200 ignored for an event the adapter does not map, and keeps the raw delivery", async () => {
    const body = Buffer.from(JSON.stringify({ zen: "Design for failure.", hook_id: 1 }));
    const response = await post(
      "/webhooks/github",
      {
        "x-github-event": "ping",
        "x-github-delivery": "ping-1",
        "x-hub-signature-256": sign.github(body, COGNI_SECRET),
      },
      body,
    );
    expect(response.status).toBe(200);
    expect(bodyOf(response)).toMatchObject({ status: "ignored" });
    expect(await store.getDelivery("github", "ping-1")).toMatchObject({ outcome: "ignored" });
  });

  it("answers 400 naming the path when the adapter cannot read the payload, stores it as rejected, and answers the same on retry", async () => {
    const body = Buffer.from(JSON.stringify({ action: "opened", pull_request: { number: "not-a-number" } }));
    const headers = {
      "x-github-event": "pull_request",
      "x-github-delivery": "bad-1",
      "x-hub-signature-256": sign.github(body, COGNI_SECRET),
    };
    const first = await post("/webhooks/github", headers, body);
    expect(first.status).toBe(400);
    expect(bodyOf(first).error).toMatchObject({
      code: "rejected",
      message: expect.stringMatching(/payload not understood: /),
    });
    const stored = await store.getDelivery("github", "bad-1");
    expect(stored).toMatchObject({ outcome: "rejected", body: body.toString() });
    const retry = await post("/webhooks/github", headers, body);
    expect(retry.status).toBe(400);
    expect(bodyOf(retry).error).toMatchObject({ code: "rejected", duplicate: true });
  });
});

describe("GitLab", () => {
  it("stores the real capture authenticated by X-Gitlab-Token, deduplicated by Idempotency-Key", async () => {
    const c = capture("cogni.capture.merge_request.opened.json");
    const response = await post("/webhooks/gitlab", c.headers, c.body);
    expect(response.status).toBe(200);
    expect(bodyOf(response)).toMatchObject({ status: "stored", deliveryId: c.headers["idempotency-key"], events: 1 });
    const stored = await store.getDelivery("gitlab", c.headers["idempotency-key"] as string);
    expect(stored?.headers["x-gitlab-token"]).toBe("[redacted]");
    expectNoSecret(JSON.stringify(stored));
    expect(bodyOf(await post("/webhooks/gitlab", c.headers, c.body)).status).toBe("duplicate");
  });

  it("answers 401 for a wrong or missing X-Gitlab-Token", async () => {
    const c = capture("cogni.capture.merge_request.opened.json");
    expect((await post("/webhooks/gitlab", { ...c.headers, "x-gitlab-token": "wrong" }, c.body)).status).toBe(401);
    const { "x-gitlab-token": _, ...none } = c.headers;
    expect(bodyOf(await post("/webhooks/gitlab", none, c.body)).error?.message).toMatch(/missing X-Gitlab-Token/);
  });

  it("checks Standard Webhooks signatures when present, with a replay window", async () => {
    const body = fixtureBytes("zulip.deployment_hook__failed.json");
    const ts = Math.floor(NOW / 1000);
    const headers = (timestamp: number, secret = GITLAB_SIGNING) => ({
      "x-gitlab-event": "Deployment Hook",
      "x-gitlab-token": COGNI_SECRET,
      "webhook-id": "msg_1",
      "webhook-timestamp": String(timestamp),
      "webhook-signature": sign.standardWebhook("msg_1", timestamp, body, secret),
    });
    const ok = await post("/webhooks/gitlab", headers(ts - 60), body);
    expect(ok.status).toBe(200);
    expect(bodyOf(ok)).toMatchObject({ deliveryId: "msg_1", events: 1 });
    const stale = await post("/webhooks/gitlab", headers(ts - 301), body);
    expect(stale.status).toBe(401);
    expect(bodyOf(stale).error?.message).toMatch(/replay window is 300 s/);
    const future = await post("/webhooks/gitlab", headers(ts + 400), body);
    expect(future.status).toBe(401);
    expect((await post("/webhooks/gitlab", headers(ts, "whsec_d3Jvbmc="), body)).status).toBe(401);
    const deployments = await store.deployments();
    expect(deployments).toEqual([
      expect.objectContaining({ outcome: "failure", environment: { name: "production", kind: "production" } }),
    ]);
  });
});

describe("CircleCI (circleci-signature v1, delivery id from the payload)", () => {
  it.each(["zulip.github_workflow_completed.json", "zulip.gitlab_workflow_completed.json"])(
    "stores %s once",
    async (name) => {
      const body = fixtureBytes(name);
      const payloadId = (JSON.parse(body.toString()) as { id: string }).id;
      const headers = {
        "circleci-event-type": "workflow-completed",
        "circleci-signature": `v1=${"ab".repeat(32)},${sign.circleci(body, CIRCLE_SECRET)}`,
      };
      const first = await post("/webhooks/circleci", headers, body);
      expect(first.status).toBe(200);
      expect(bodyOf(first)).toMatchObject({ status: "stored", deliveryId: payloadId, events: 1 });
      expect(bodyOf(await post("/webhooks/circleci", headers, body)).status).toBe("duplicate");
      expect((await post("/webhooks/circleci", { ...headers, "circleci-signature": "v1=00" }, body)).status).toBe(401);
      expect((await store.deployments())[0]).toMatchObject({
        provider: "circleci",
        kind: "finished",
        outcome: "success",
      });
    },
  );
});

describe("Azure DevOps (basic auth)", () => {
  const body = fixtureBytes("msdocs.ms.vss-release.deployment-completed-event.json");
  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

  it("stores a release deployment with the right credentials", async () => {
    const response = await post("/webhooks/azure-devops", { authorization: basic("faultline", AZURE_PASSWORD) }, body);
    expect(response.status).toBe(200);
    const id = (JSON.parse(body.toString()) as { id: string }).id;
    const stored = await store.getDelivery("azure-devops", id);
    expect(stored?.headers.authorization).toBe("[redacted]");
    expect(stored?.events[0]).toMatchObject({ type: "deployment", outcome: "success" });
  });

  it.each([
    ["a wrong password", basic("faultline", "nope")],
    ["a wrong user", basic("someone", AZURE_PASSWORD)],
    ["a bearer token", "Bearer x"],
  ])("answers 401 with a Basic challenge for %s", async (_label, authorization) => {
    const response = await post("/webhooks/azure-devops", { authorization }, body);
    expect(response.status).toBe(401);
    expect(response.headers["www-authenticate"]).toMatch(/^Basic/);
    expectNoSecret(response.body);
  });
});

describe("Qovery (Qovery-Signature shared secret)", () => {
  const payload = {
    created_at: "2026-11-24T11:00:00Z",
    event_type: "DEPLOYMENT_SUCCESSFUL",
    payload_type: "DEPLOYMENT",
    payload: {
      id: "dep-1",
      environment: { id: "env-1", name: "production", mode: "PRODUCTION" },
      applications: [{ id: "app-1", name: "api" }],
    },
  };
  const body = Buffer.from(JSON.stringify(payload));

  it("stores a deployment, deduplicated by body hash (Qovery sends no delivery id)", async () => {
    const first = await post("/webhooks/qovery", { "qovery-signature": QOVERY_SECRET }, body);
    expect(first.status).toBe(200);
    expect(bodyOf(first).deliveryId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(bodyOf(await post("/webhooks/qovery", { "qovery-signature": QOVERY_SECRET }, body)).status).toBe(
      "duplicate",
    );
    expect(await store.deployments({ environment: "production" })).toHaveLength(1);
  });

  it("answers 401 for a wrong secret", async () => {
    expect((await post("/webhooks/qovery", { "qovery-signature": "wrong" }, body)).status).toBe(401);
  });
});

describe("Cloud Build via Pub/Sub push (OIDC JWT, RS256)", () => {
  const body = fixtureBytes("CONSTRUCTED.pubsub-push-envelope.cloud-builds.json");
  const messageId = (JSON.parse(body.toString()) as { message: { messageId: string } }).message.messageId;
  const claims = (extra: Record<string, unknown> = {}) => ({
    iss: "https://accounts.google.com",
    aud: AUDIENCE,
    email: SERVICE_ACCOUNT,
    email_verified: true,
    iat: NOW / 1000 - 10,
    exp: NOW / 1000 + 3590,
    sub: "1234",
    ...extra,
  });

  it("stores the build, deduplicated by messageId", async () => {
    const response = await post("/webhooks/cloudbuild", { authorization: `Bearer ${key.mint(claims())}` }, body);
    expect(response.status).toBe(200);
    expect(bodyOf(response)).toMatchObject({ status: "stored", deliveryId: messageId, events: 1 });
    const again = await post("/webhooks/cloudbuild", { authorization: `Bearer ${key.mint(claims())}` }, body);
    expect(bodyOf(again).status).toBe("duplicate");
    expect((await store.getDelivery("cloudbuild", messageId))?.headers.authorization).toBe("[redacted]");
  });

  it.each([
    ["an expired token", () => key.mint(claims({ exp: NOW / 1000 - 61 })), /expired/],
    ["a token issued in the future", () => key.mint(claims({ iat: NOW / 1000 + 120 })), /future/],
    ["the wrong audience", () => key.mint(claims({ aud: "https://elsewhere" })), /aud/],
    [
      "the wrong service account",
      () => key.mint(claims({ email: "evil@x.iam.gserviceaccount.com" })),
      /service account/,
    ],
    ["an unverified email", () => key.mint(claims({ email_verified: false })), /not verified/],
    ["another issuer", () => key.mint(claims({ iss: "https://evil.example" })), /iss/],
    ["a key that is not configured", () => otherKey.mint(claims()), /signature/],
    ["an unknown kid", () => key.mint(claims(), { alg: "RS256", kid: "nope" }), /kid/],
    [
      "alg none",
      () => `${key.mint(claims(), { alg: "none", kid: "k1" }).split(".").slice(0, 2).join(".")}.`,
      /Bearer <JWT>|RS256/,
    ],
    ["HS256", () => key.mint(claims(), { alg: "HS256", kid: "k1" }), /RS256/],
    [
      "a tampered payload",
      () => {
        const [h, , s] = key.mint(claims()).split(".");
        return `${h}.${Buffer.from(JSON.stringify(claims({ email: "x@y" }))).toString("base64url")}.${s}`;
      },
      /signature/,
    ],
  ])("answers 401 for %s", async (_label, token, message) => {
    const response = await post("/webhooks/cloudbuild", { authorization: `Bearer ${token()}` }, body);
    expect(response.status).toBe(401);
    expect(bodyOf(response).error?.message).toMatch(message);
    expect(response.headers["www-authenticate"]).toMatch(/^Bearer/);
  });

  it("answers 401 without a token", async () => {
    expect((await post("/webhooks/cloudbuild", {}, body)).status).toBe(401);
  });
});

describe("CDEvents (bearer token, dedup by CloudEvents source + id)", () => {
  const event = (id: string, source: string) =>
    JSON.stringify({
      context: {
        id,
        source,
        type: "dev.cdevents.service.deployed.0.2.0",
        timestamp: "2026-11-24T10:00:00Z",
        specversion: "0.4.1",
      },
      subject: { id: "svc", content: { environment: { id: "prod" } } },
    });

  it("stores events per source and deduplicates by (source, id)", async () => {
    const auth = { authorization: `Bearer ${CDEVENTS_TOKEN}`, "content-type": "application/cdevents+json" };
    const a = await post("/webhooks/cdevents", auth, event("1", "/ci/a"));
    expect(bodyOf(a)).toMatchObject({ status: "stored", source: "cdevents:/ci/a", deliveryId: "1" });
    expect(bodyOf(await post("/webhooks/cdevents", auth, event("1", "/ci/b"))).status).toBe("stored");
    expect(bodyOf(await post("/webhooks/cdevents", auth, event("1", "/ci/a"))).status).toBe("duplicate");
    expect((await post("/webhooks/cdevents", { authorization: "Bearer wrong" }, event("2", "/ci/a"))).status).toBe(401);
  });

  it("keeps a sender's source apart from other routes' namespaces (a CDEvent from source github is not a GitHub delivery)", async () => {
    const gh = await github("cogni.capture.pull_request.opened.json", { "x-github-delivery": "abc-123" });
    expect(bodyOf(gh)).toMatchObject({ status: "stored", source: "github", deliveryId: "abc-123" });
    const auth = { authorization: `Bearer ${CDEVENTS_TOKEN}` };
    const cd = await post("/webhooks/cdevents", auth, event("abc-123", "github"));
    // It used to answer 200 "duplicate" with the GitHub delivery's counts and store nothing.
    expect(bodyOf(cd)).toMatchObject({ status: "stored", source: "cdevents:github", deliveryId: "abc-123", events: 1 });
    expect((await store.deployments()).map((e) => e.id)).toContain("abc-123");
    // A genuine redelivery is still one delivery.
    expect(bodyOf(await post("/webhooks/cdevents", auth, event("abc-123", "github"))).status).toBe("duplicate");
    expect((await store.getDelivery("github", "abc-123"))?.provider).toBe("github");
  });
});

describe("errors route (deployment error reports)", () => {
  const auth = { authorization: `Bearer ${ERRORS_TOKEN}` };

  it("stores an NDJSON body, rejecting bad lines with their line number and losing nothing", async () => {
    const ndjson = [
      JSON.stringify({
        id: "r1",
        message: "Back-off pulling image",
        ids: { application: "app-1", environment: "env-1" },
        timestamp: "2026-11-20T10:00:00Z",
      }),
      "{not json",
      JSON.stringify({ scope: "APPLICATION" }),
      "",
      JSON.stringify({
        id: "row-9",
        created_at: "2026-11-21 08:00:00+00",
        events: [{ id: "r2", message: "OOMKilled" }, { id: 7 }],
      }),
    ].join("\n");
    const response = await post(
      "/errors",
      { ...auth, "content-type": "application/x-ndjson", "idempotency-key": "batch-1" },
      ndjson,
    );
    expect(response.status).toBe(200);
    const body = bodyOf(response);
    expect(body).toMatchObject({ status: "stored", deliveryId: "batch-1", errors: 2 });
    expect(body.rejected).toEqual([
      { index: 1, reason: expect.stringMatching(/^line 2: invalid JSON/) },
      { index: 2, reason: expect.stringMatching(/^line 3: message: /) },
      { index: 4, reason: expect.stringMatching(/^line 5\.events\[1\]: /) },
    ]);
    const reports = await store.errors();
    expect(reports.map((r) => r.report.id)).toEqual(["r1", "r2"]);
    // A report without its own timestamp takes its batch's created_at.
    expect(reports[1]?.time).toBe(Date.parse("2026-11-21T08:00:00Z"));
    expect((await store.getDelivery("errors", "batch-1"))?.rejected).toHaveLength(3);
    expect(
      bodyOf(
        await post(
          "/errors",
          { ...auth, "content-type": "application/x-ndjson", "idempotency-key": "batch-1" },
          ndjson,
        ),
      ).status,
    ).toBe("duplicate");
  });

  it("names a report whose id repeats one in the same delivery or one stored earlier, instead of dropping it", async () => {
    const headers = { ...auth, "idempotency-key": "dup-1" };
    const first = await post(
      "/errors",
      headers,
      JSON.stringify({
        events: [
          { message: "first", id: "X" },
          { message: "second", id: "X" },
        ],
      }),
    );
    expect(first.status).toBe(200);
    const inDelivery = [
      {
        index: 1,
        reason: expect.stringMatching(/^body\.events\[1\]: duplicate of report id "X" at body\.events\[0\]/),
      },
    ];
    expect(bodyOf(first)).toMatchObject({ status: "stored", errors: 1, rejected: inDelivery });
    expect((await store.getDelivery("errors", "dup-1"))?.rejected).toEqual(inDelivery);
    const later = await post(
      "/errors",
      { ...auth, "idempotency-key": "dup-2" },
      JSON.stringify([
        { message: "new", id: "Y" },
        { message: "again", id: "X" },
      ]),
    );
    expect(later.status).toBe(200);
    expect(bodyOf(later)).toMatchObject({
      status: "stored",
      errors: 1,
      rejected: [
        {
          index: 1,
          reason: expect.stringMatching(/^body\[1\]: duplicate of report id "X" already stored by an earlier delivery/),
        },
      ],
    });
    expect((await store.errors()).map((e) => e.report.message)).toEqual(["first", "new"]);
  });

  it("accepts a JSON batch and answers 400 when no record is valid", async () => {
    expect((await post("/errors", auth, JSON.stringify({ events: [{ message: "a" }, { message: "b" }] }))).status).toBe(
      200,
    );
    const none = await post("/errors", auth, JSON.stringify([{ nope: 1 }]));
    expect(none.status).toBe(400);
    expect(bodyOf(none).error?.message).toMatch(/body\[0\]: message/);
    expect((await post("/errors", auth, "{")).status).toBe(400);
    expect((await post("/errors", {}, "{}")).status).toBe(401);
  });
});

describe("query API", () => {
  it("answers stored deployments by app and time with the query token, and 401 without", async () => {
    await github("cogni.capture.workflow_run.in_progress.json");
    const get = (url: string, token = QUERY_TOKEN) =>
      collector.handle({
        method: "GET",
        url,
        headers: { authorization: `Bearer ${token}` },
        rawBody: new Uint8Array(),
      });
    const ok = await get("/api/deployments?app=derekg1729/test-repo&from=2025-10-01T00:00:00Z&to=2025-11-01T00:00:00Z");
    expect(ok.status).toBe(200);
    expect((bodyOf(ok).items as unknown[]).length).toBe(1);
    expect(bodyOf(await get("/api/deployments?app=other")).items).toEqual([]);
    expect((await get("/api/changes", "wrong")).status).toBe(401);
    const bad = await get("/api/errors?from=yesterday");
    expect(bad.status).toBe(400);
    expect(bodyOf(bad).error?.message).toMatch(/from/);
    expect((await get("/api/errors?colour=red")).status).toBe(400);
    expect(bodyOf(await get("/api/changes?provider=jenkins")).error?.message).toMatch(/provider must be one of/);
    expect(bodyOf(await get("/api/deployments?provider=github&limit=5")).items).toHaveLength(1);
    expect((await get("/api/nothing")).status).toBe(404);
  });
});

describe("bad requests", () => {
  const signed = (body: string, delivery = randomUUID()) => ({
    "x-github-event": "pull_request",
    "x-github-delivery": delivery,
    "x-hub-signature-256": sign.github(Buffer.from(body), COGNI_SECRET),
  });

  it.each([
    ["an unknown provider", "POST", "/webhooks/jenkins", 404, /unknown provider "jenkins"/],
    ["an unknown path", "POST", "/hooks", 404, /no route/],
    ["GET on a webhook route", "GET", "/webhooks/github", 405, /POST/],
  ])("answers %s with %s %s", async (_label, method, url, status, message) => {
    const response = await collector.handle({ method, url, headers: {}, rawBody: new Uint8Array() });
    expect(response.status).toBe(status);
    expect(bodyOf(response).error?.message).toMatch(message);
    expect(response.headers["content-type"]).toMatch(/application\/json/);
  });

  it("answers 404 for a provider that is not configured", async () => {
    const only = createCollector({ store, auth: { github: { secret: "x" } } });
    const response = await only.handle({
      method: "POST",
      url: "/webhooks/gitlab",
      headers: {},
      rawBody: new Uint8Array(),
    });
    expect(response.status).toBe(404);
    expect(bodyOf(response).error?.message).toMatch(/set auth\.gitlab/);
  });

  it("answers 413 over the body limit, 415 for a wrong content type", async () => {
    const small = createCollector({ ...baseOptions(store), maxBodyBytes: 100 });
    const big = "x".repeat(101);
    const r413 = await small.handle({
      method: "POST",
      url: "/webhooks/github",
      headers: { "content-type": "application/json" },
      rawBody: Buffer.from(big),
    });
    expect(r413.status).toBe(413);
    expect(bodyOf(r413).error?.message).toMatch(/101 bytes; the limit is 100/);
    const r415 = await post("/webhooks/github", { "content-type": "text/plain", ...signed("{}") }, "{}");
    expect(r415.status).toBe(415);
    expect((await post("/webhooks/github", { "content-type": "" }, "{}")).status).toBe(415);
  });

  it.each([
    ["invalid JSON", '{"action": "opened",', /invalid JSON/],
    ["an empty body", "", /empty/],
    ["10,000-deep nesting", `${"[".repeat(10_000)}${"]".repeat(10_000)}`, /nesting deeper than 64 levels at offset 64/],
  ])("answers 400 for %s (after authentication)", async (_label, body, message) => {
    const response = await post("/webhooks/github", signed(body), body);
    expect(response.status).toBe(400);
    expect(bodyOf(response).error?.message).toMatch(message);
    expect((await store.counts()).deliveries).toBe(0);
  });

  it("answers 400 for invalid UTF-8", async () => {
    const body = Buffer.from([0x7b, 0xff, 0x7d]);
    const response = await post(
      "/webhooks/github",
      { ...signed(""), "x-hub-signature-256": sign.github(body, COGNI_SECRET) },
      body,
    );
    expect(response.status).toBe(400);
    expect(bodyOf(response).error?.message).toMatch(/UTF-8/);
  });

  it("answers 503, never 2xx, when the store fails", async () => {
    const failing: CollectorStore = {
      ...store,
      kind: "sqlite",
      put: () => Promise.reject(new Error("disk full at /secret/path")),
    };
    const c = createCollector({ ...baseOptions(failing) });
    const cap = capture("cogni.capture.pull_request.opened.json");
    const response = await c.handle({
      method: "POST",
      url: "/webhooks/github",
      headers: cap.headers,
      rawBody: cap.body,
    });
    expect(response.status).toBe(503);
    expect(response.headers["retry-after"]).toBe("1");
    expect(response.body).not.toContain("/secret/path");
  });

  it("serves under a base path", async () => {
    const based = createCollector({ ...baseOptions(store), basePath: "/faultline/" });
    const cap = capture("cogni.capture.pull_request.opened.json");
    expect(
      (
        await based.handle({
          method: "POST",
          url: "/faultline/webhooks/github",
          headers: cap.headers,
          rawBody: cap.body,
        })
      ).status,
    ).toBe(200);
    expect(
      (await based.handle({ method: "POST", url: "/webhooks/github", headers: cap.headers, rawBody: cap.body })).status,
    ).toBe(404);
    expect(
      (await based.handle({ method: "GET", url: "/faultline/healthz", headers: {}, rawBody: new Uint8Array() })).status,
    ).toBe(200);
  });
});

describe("createCollector options", () => {
  it.each([
    ["no store", { store: undefined, auth: {} }, /options\.store/],
    ["no auth", { store: {} as never }, /options\.store|options\.auth/],
    ["an empty secret", { auth: { github: { secret: "" } } }, /auth\.github\.secret must be a non-empty string/],
    ["an empty rotated secret", { auth: { github: { secret: ["a", ""] } } }, /auth\.github\.secret\[1\]/],
    ["gitlab without credentials", { auth: { gitlab: {} } }, /auth\.gitlab needs token/],
    [
      "a bad JWK",
      {
        auth: {
          cloudbuild: { audience: "a", serviceAccountEmail: "b", jwks: { keys: [{ kty: "RSA", n: "", e: "" }] } },
        },
      },
      /jwks\.keys\[0\]/,
    ],
    [
      "an empty JWKS",
      { auth: { cloudbuild: { audience: "a", serviceAccountEmail: "b", jwks: { keys: [] } } } },
      /jwks/,
    ],
    [
      "cdevents without an adapter",
      { auth: { cdevents: { token: "t" } }, adapters: { cdevents: undefined } },
      /adapters\["cdevents"\]/,
    ],
    ["a zero body limit", { auth: {}, maxBodyBytes: 0 }, /maxBodyBytes/],
    ["a relative base path", { auth: {}, basePath: "hooks" }, /basePath/],
  ])("throws naming the option for %s", (_label, options, message) => {
    const withStore = "store" in options ? options : { ...options, store };
    expect(() => createCollector(withStore as CollectorOptions)).toThrow(message);
  });
});

describe("CDEvents with the default @faultline/schemas adapter", () => {
  const cdevent = fixtureBytes("cdevents.service_deployed.json");
  const parsed = JSON.parse(cdevent.toString()) as { context: { id: string; source: string } };
  const secret = "cdevents-hmac-secret";
  const withDefaults = () =>
    createCollector({ store, now: () => NOW, auth: { cdevents: { token: CDEVENTS_TOKEN, secret } } });
  const send = (c: Collector, headers: Record<string, string>, body: Uint8Array | string) =>
    c.handle({
      method: "POST",
      url: "/webhooks/cdevents",
      headers: { "content-type": "application/json", ...headers },
      rawBody: Buffer.from(body),
    });

  it("stores the spec's service.deployed example sent as a bare CDEvent with a bearer token", async () => {
    const response = await send(withDefaults(), { authorization: `Bearer ${CDEVENTS_TOKEN}` }, cdevent);
    expect(response.status).toBe(200);
    expect(bodyOf(response)).toMatchObject({
      status: "stored",
      source: `cdevents:${parsed.context.source}`,
      deliveryId: parsed.context.id,
      events: 1,
    });
    expect((await store.deployments())[0]).toMatchObject({ provider: "cdevents", kind: "deployed" });
  });

  it("stores it wrapped in a structured CloudEvent signed with Standard Webhooks, and rejects a stale signature", async () => {
    const envelope = Buffer.from(
      JSON.stringify({
        specversion: "1.0",
        id: "ce-1",
        source: "/ci/x",
        type: "dev.cdevents.service.deployed.0.2.0",
        datacontenttype: "application/json",
        data: JSON.parse(cdevent.toString()),
      }),
    );
    const ts = Math.floor(NOW / 1000);
    const headers = (t: number) => ({
      "content-type": "application/cloudevents+json",
      "webhook-id": "wh-1",
      "webhook-timestamp": String(t),
      "webhook-signature": sign.standardWebhook("wh-1", t, envelope, secret),
    });
    const ok = await send(withDefaults(), headers(ts), envelope);
    expect(ok.status).toBe(200);
    expect(bodyOf(ok)).toMatchObject({ source: "cdevents:/ci/x", deliveryId: "ce-1" });
    const stale = await send(withDefaults(), headers(ts - 3600), envelope);
    expect(stale.status).toBe(401);
  });
});

describe("CloudEvents batches (application/cloudevents-batch+json)", () => {
  const data = JSON.parse(fixtureBytes("cdevents.service_deployed.json").toString()) as {
    context: Record<string, unknown>;
  };
  const item = (id: string, context: Record<string, unknown> = {}) => ({
    specversion: "1.0",
    id,
    source: "/ci/batch",
    type: data.context.type,
    data: { ...data, context: { ...data.context, id, ...context } },
  });
  const notCd = { specversion: "1.0", id: "o-1", source: "/ci/batch", type: "com.example.other", data: {} };
  const batch = (items: unknown[]) =>
    createCollector({ store, now: () => NOW, auth: { cdevents: { token: CDEVENTS_TOKEN } } }).handle({
      method: "POST",
      url: "/webhooks/cdevents",
      headers: { "content-type": "application/cloudevents-batch+json", authorization: `Bearer ${CDEVENTS_TOKEN}` },
      rawBody: Buffer.from(JSON.stringify(items)),
    });

  it("stores the valid items and lists each bad or ignored one with its index and reason", async () => {
    // It used to answer 400 for the whole batch (good item lost) and drop unmapped items without a word.
    const response = await batch([item("b-1"), item("b-2", { timestamp: "yesterday" }), notCd]);
    expect(response.status).toBe(200);
    const body = bodyOf(response);
    const rejected = [
      { index: 1, reason: expect.stringMatching(/^body\[1\]\.data\.context\.timestamp: expected an RFC 3339/) },
      { index: 2, reason: expect.stringMatching(/^body\[2\]: ignored: .*com\.example\.other/) },
    ];
    expect(body).toMatchObject({ status: "stored", source: "cdevents", events: 1, rejected });
    expect(await store.deployments()).toHaveLength(1);
    expect((await store.getDelivery("cdevents", body.deliveryId as string))?.rejected).toEqual(rejected);
  });

  it("reads the items as structured CloudEvents even when ce-* headers came with the batch", async () => {
    // The items used to be read in binary mode (each item taken for a bare CDEvent), so the whole batch was 400.
    const response = await createCollector({
      store,
      now: () => NOW,
      auth: { cdevents: { token: CDEVENTS_TOKEN } },
    }).handle({
      method: "POST",
      url: "/webhooks/cdevents",
      headers: {
        "content-type": "application/cloudevents-batch+json",
        authorization: `Bearer ${CDEVENTS_TOKEN}`,
        "ce-specversion": "1.0",
        "ce-id": "batch-h",
        "ce-source": "/ci/batch",
        "ce-type": data.context.type as string,
      },
      rawBody: Buffer.from(JSON.stringify([item("h-1"), item("h-2", { timestamp: "yesterday" }), item("h-3")])),
    });
    expect(response.status).toBe(200);
    expect(bodyOf(response)).toMatchObject({
      status: "stored",
      events: 2,
      rejected: [{ index: 1, reason: expect.stringMatching(/^body\[1\]\.data\.context\.timestamp: /) }],
    });
    expect((await store.deployments()).map((e) => e.id).sort()).toEqual(["h-1", "h-3"]);
  });

  it("answers ignored with the reasons when no item maps, 400 when none is valid, and ignored for an empty batch", async () => {
    const ignored = await batch([notCd]);
    expect(ignored.status).toBe(200);
    expect(bodyOf(ignored)).toMatchObject({
      status: "ignored",
      reason: expect.stringMatching(/^body\[0\]: ignored: /),
      rejected: [{ index: 0 }],
    });
    const bad = await batch([item("b-3", { timestamp: "yesterday" }), 42]);
    expect(bad.status).toBe(400);
    expect(bodyOf(bad).error?.message).toMatch(/body\[0\]\.data\.context\.timestamp: .*; body\[1\]: /);
    const empty = await batch([]);
    expect(empty.status).toBe(200);
    expect(bodyOf(empty)).toMatchObject({ status: "ignored", reason: "empty CloudEvents batch: no events" });
  });
});

describe("custom adapters", () => {
  const body = Buffer.from(JSON.stringify({ any: "payload" }));
  const headers = {
    "content-type": "application/json",
    "x-github-delivery": "custom-1",
    "x-hub-signature-256": sign.github(body, "k"),
  };
  const good = {
    type: "change",
    id: "c1",
    source: "s",
    provider: "github",
    timestamp: "2026-11-24T10:00:00Z",
    action: "opened",
    repository: "r",
    pullRequest: 1,
  };

  it("have their events validated: invalid ones are rejected with the field, valid ones stored", async () => {
    const adapter: WebhookAdapter = () => ({
      success: true,
      events: [good as FaultlineEvent, { ...good, id: "c2", pullRequest: -3 } as FaultlineEvent],
    });
    const c = createCollector({ store, auth: { github: { secret: "k" } }, adapters: { github: adapter } });
    const response = await c.handle({ method: "POST", url: "/webhooks/github", headers, rawBody: body });
    expect(response.status).toBe(200);
    expect(bodyOf(response)).toMatchObject({
      events: 1,
      rejected: [{ index: 1, reason: expect.stringMatching(/^events\[1\]: pullRequest/) }],
    });
  });

  it("answer 400 when none of their events is valid, and a throwing adapter is contained", async () => {
    const invalid: WebhookAdapter = () => ({
      success: true,
      events: [{ ...good, timestamp: "yesterday" } as FaultlineEvent],
    });
    const c = createCollector({ store, auth: { github: { secret: "k" } }, adapters: { github: invalid } });
    expect((await c.handle({ method: "POST", url: "/webhooks/github", headers, rawBody: body })).status).toBe(400);
    const throwing: WebhookAdapter = () => {
      throw new Error("boom");
    };
    const t = createCollector({ store, auth: { github: { secret: "k" } }, adapters: { github: throwing } });
    const response = await t.handle({
      method: "POST",
      url: "/webhooks/github",
      headers: { ...headers, "x-github-delivery": "custom-2" },
      rawBody: body,
    });
    expect(response.status).toBe(400);
    expect(bodyOf(response).error?.message).toMatch(/adapter threw: boom/);
  });
});

// Key fields holding U+0000 (NUL): PostgreSQL text cannot hold it and no escape keeps distinct keys apart, so such
// values are never keys. Run on both stores, which must answer the same.
describe.each(backends(inject("postgresUrl")))("U+0000 (NUL) in key fields: $name", (backend: Backend) => {
  const nul = "\u0000";
  let nulStore: CollectorStore;
  let c: Collector;
  beforeEach(async () => {
    ({ store: nulStore } = await backend.open());
    c = createCollector(baseOptions(nulStore));
  });
  afterEach(async () => {
    await nulStore.close();
  });
  const send = (path: string, headers: Record<string, string>, body: string) =>
    c.handle({
      method: "POST",
      url: path,
      headers: { "content-type": "application/json", ...headers },
      rawBody: Buffer.from(body),
    });
  const cd = (id: string, source: string) =>
    JSON.stringify({
      context: { id, source, type: "dev.cdevents.service.deployed.0.2.0", timestamp: "2026-11-24T10:00:00Z" },
      subject: { id: "svc", content: { environment: { id: "prod" } } },
    });
  const cdAuth = { authorization: `Bearer ${CDEVENTS_TOKEN}` };
  const NUL_REASON = "contains U+0000 (NUL), which cannot be stored as a key";

  it("rejects an event whose id holds NUL with a reason naming it, and stores one whose id is a literal \\u0000", async () => {
    // This used to store `e\0` as `e\u0000`: the second event below was answered as a duplicate and never stored.
    const first = await send("/webhooks/cdevents", cdAuth, cd(`e${nul}`, "/ci/a"));
    expect(first.status).toBe(400);
    const rejected = [{ index: 0, reason: `events[0].id: ${NUL_REASON}` }];
    expect(bodyOf(first).error).toMatchObject({ code: "rejected", rejected });
    // The delivery is kept with its reason, under the body hash (its id is not usable as a key).
    const firstId = (bodyOf(first).error as unknown as { deliveryId: string }).deliveryId;
    expect(firstId).toMatch(/^sha256:/);
    expect(await nulStore.getDelivery("cdevents:/ci/a", firstId)).toMatchObject({ outcome: "rejected", rejected });

    const second = await send("/webhooks/cdevents", cdAuth, cd("e\\u0000", "/ci/a"));
    expect(bodyOf(second)).toMatchObject({ status: "stored", deliveryId: "e\\u0000", events: 1 });
    // The other order: the literal first, then the NUL one is rejected with its reason, not taken as a duplicate.
    expect(bodyOf(await send("/webhooks/cdevents", cdAuth, cd("f\\u0000", "/ci/a")))).toMatchObject({ events: 1 });
    const late = await send("/webhooks/cdevents", cdAuth, cd(`f${nul}`, "/ci/a"));
    expect(late.status).toBe(400);
    expect(bodyOf(late).error).toMatchObject({ rejected: [{ index: 0, reason: `events[0].id: ${NUL_REASON}` }] });
    expect((await nulStore.deployments()).map((e) => e.id)).toEqual(["e\\u0000", "f\\u0000"]);
  });

  it("rejects an event whose source holds NUL, and does not key the delivery by that source", async () => {
    const response = await send("/webhooks/cdevents", cdAuth, cd("s-1", `/ci/${nul}`));
    expect(response.status).toBe(400);
    expect(bodyOf(response).error).toMatchObject({
      rejected: [{ index: 0, reason: `events[0].source: ${NUL_REASON}` }],
    });
    // The plain route source, as when the CloudEvent names none, and the body hash: an id is unique only per source.
    const { deliveryId } = bodyOf(response).error as unknown as { deliveryId: string };
    expect(deliveryId).not.toBe("s-1");
    expect(await nulStore.getDelivery("cdevents", deliveryId)).toMatchObject({ outcome: "rejected" });
  });

  it("keeps apart two senders whose CloudEvents sources hold NUL and whose ids are equal", async () => {
    // The envelope's source is unusable as a key, the CDEvents inside are fine: both deliveries must be stored.
    const data = JSON.parse(fixtureBytes("cdevents.service_deployed.json").toString()) as {
      context: Record<string, unknown>;
    };
    const envelope = (source: string, id: string) =>
      JSON.stringify({
        specversion: "1.0",
        id: "1",
        source,
        type: data.context.type,
        data: { ...data, context: { ...data.context, id, source: `/ci/${id}` } },
      });
    // The default cdevents adapter, which reads CloudEvents envelopes (this block's collector takes bare CDEvents).
    const d = createCollector({ store: nulStore, now: () => NOW, auth: { cdevents: { token: CDEVENTS_TOKEN } } });
    const post = (body: string) =>
      d.handle({
        method: "POST",
        url: "/webhooks/cdevents",
        headers: { ...cdAuth, "content-type": "application/cloudevents+json" },
        rawBody: Buffer.from(body),
      });
    const a = await post(envelope(`/a${nul}`, "ev-a"));
    const b = await post(envelope(`/b${nul}`, "ev-b"));
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(bodyOf(b)).toMatchObject({ status: "stored", events: 1 });
    expect((await nulStore.deployments()).map((e) => e.id)).toEqual(expect.arrayContaining(["ev-a", "ev-b"]));
  });

  it("rejects a NUL event id from a validating adapter too (CloudEvents batch item)", async () => {
    const data = JSON.parse(fixtureBytes("cdevents.service_deployed.json").toString()) as {
      context: Record<string, unknown>;
    };
    const item = (id: string) => ({
      specversion: "1.0",
      id,
      source: "/ci/batch",
      type: data.context.type,
      data: { ...data, context: { ...data.context, id } },
    });
    const d = createCollector({ store: nulStore, now: () => NOW, auth: { cdevents: { token: CDEVENTS_TOKEN } } });
    const response = await d.handle({
      method: "POST",
      url: "/webhooks/cdevents",
      headers: { "content-type": "application/cloudevents-batch+json", ...cdAuth },
      rawBody: Buffer.from(JSON.stringify([item(`b${nul}`), item("b\\u0000")])),
    });
    expect(response.status).toBe(200);
    expect(bodyOf(response)).toMatchObject({
      status: "stored",
      events: 1,
      rejected: [{ index: 0, reason: expect.stringMatching(/^body\[0\]\.events\[0\]\.id: contains U\+0000 \(NUL\)/) }],
    });
    expect((await nulStore.deployments()).map((e) => e.id)).toEqual(["b\\u0000"]);
  });

  it("does not key a delivery by a payload id holding NUL: it falls back to the body hash and is stored", async () => {
    // `x\u0000` (literal) then `x\0`: the second used to be answered as a duplicate of the first and not stored.
    const fixture = JSON.parse(fixtureBytes("msdocs.ms.vss-release.deployment-completed-event.json").toString());
    const azure = { authorization: `Basic ${Buffer.from(`faultline:${AZURE_PASSWORD}`).toString("base64")}` };
    const literal = await send("/webhooks/azure-devops", azure, JSON.stringify({ ...fixture, id: "x\\u0000" }));
    expect(bodyOf(literal)).toMatchObject({ status: "stored", deliveryId: "x\\u0000", events: 1 });
    const body = JSON.stringify({ ...fixture, id: `x${nul}` });
    const withNul = await send("/webhooks/azure-devops", azure, body);
    expect(withNul.status).toBe(200);
    expect(bodyOf(withNul)).toMatchObject({ status: "stored", deliveryId: bodyHash(Buffer.from(body)) });
    expect((await nulStore.getDelivery("azure-devops", bodyHash(Buffer.from(body))))?.body).toBe(body);
    // A redelivery of the same body is still one delivery.
    expect(bodyOf(await send("/webhooks/azure-devops", azure, body)).status).toBe("duplicate");
    // An Idempotency-Key holding NUL on /errors falls back the same way.
    const errors = { authorization: `Bearer ${ERRORS_TOKEN}` };
    await send("/errors", { ...errors, "idempotency-key": "k\\u0000" }, JSON.stringify({ message: "one" }));
    const report = JSON.stringify({ message: "two" });
    const keyed = await send("/errors", { ...errors, "idempotency-key": `k${nul}` }, report);
    expect(bodyOf(keyed)).toMatchObject({ status: "stored", deliveryId: bodyHash(Buffer.from(report)), errors: 1 });
  });

  it("rejects an /errors report whose id holds NUL, naming its position, and keeps one whose id is a literal \\u0000", async () => {
    const auth = { authorization: `Bearer ${ERRORS_TOKEN}` };
    const response = await send(
      "/errors",
      auth,
      JSON.stringify({
        events: [
          { message: "nul", id: `r${nul}` },
          { message: "literal", id: "r\\u0000" },
        ],
      }),
    );
    expect(response.status).toBe(200);
    expect(bodyOf(response)).toMatchObject({
      status: "stored",
      errors: 1,
      rejected: [{ index: 0, reason: `body.events[0].id: ${NUL_REASON}` }],
    });
    // The other order, over two deliveries: not "already stored by an earlier delivery", but the NUL reason.
    await send("/errors", auth, `${JSON.stringify({ message: "q literal", id: "q\\u0000" })}\n`);
    const late = await send(
      "/errors",
      { ...auth, "content-type": "application/x-ndjson" },
      `${JSON.stringify({ message: "q nul", id: `q${nul}` })}\n`,
    );
    expect(late.status).toBe(400);
    expect(bodyOf(late).error).toMatchObject({ rejected: [{ index: 0, reason: `line 1.id: ${NUL_REASON}` }] });
    expect((await nulStore.errors()).map((e) => e.report.message).sort()).toEqual(["literal", "q literal"]);
  });
});
