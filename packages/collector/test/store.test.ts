// One conformance suite, run against every backend: SQLite always, PostgreSQL when a binary exists
// (the globalSetup starts a throwaway server and says loudly when it cannot).
import { fc, test as propTest } from "@fast-check/vitest";
import type { FaultlineEvent } from "@faultline/schemas";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { CollectorStore, DeliveryRecord } from "../src/index";
import { createPostgresStore, createSqliteStore } from "../src/index";
import { type Backend, backends } from "./support/helpers";

const postgresUrl = inject("postgresUrl");

function deployment(id: string, timestamp: string, extra: Record<string, unknown> = {}): FaultlineEvent {
  return {
    type: "deployment",
    id,
    source: "https://github.com/acme/api",
    provider: "github",
    timestamp,
    kind: "deployed",
    outcome: "success",
    service: "api",
    environment: { name: "production", kind: "production" },
    ...extra,
  } as FaultlineEvent;
}

function record(
  deliveryId: string,
  events: FaultlineEvent[] = [],
  extra: Partial<DeliveryRecord> = {},
): DeliveryRecord {
  return {
    source: "github",
    deliveryId,
    provider: "github",
    receivedAt: "2026-11-24T10:00:00.000Z",
    headers: { "x-github-event": "deployment_status", authorization: "[redacted]" },
    body: JSON.stringify({ deliveryId }),
    outcome: "accepted",
    events,
    errors: [],
    rejected: [],
    ...extra,
  };
}

describe.each(backends(postgresUrl))("CollectorStore conformance: $name", (backend: Backend) => {
  let store: CollectorStore;
  let reopen: () => Promise<CollectorStore>;

  beforeAll(async () => {
    ({ store, reopen } = await backend.open());
  });
  afterAll(async () => {
    await store.close();
  });

  it("stores a delivery with its events and reads it back exactly", async () => {
    const event = deployment("d-1", "2026-11-20T09:00:00Z");
    const result = await store.put(record("del-1", [event], { rejected: [{ index: 1, reason: "events[1]: bad" }] }));
    expect(result).toEqual({ status: "stored", storedEvents: 1, storedErrors: 0 });
    const back = await store.getDelivery("github", "del-1");
    expect(back).toMatchObject({
      source: "github",
      deliveryId: "del-1",
      outcome: "accepted",
      body: JSON.stringify({ deliveryId: "del-1" }),
      headers: { "x-github-event": "deployment_status", authorization: "[redacted]" },
      rejected: [{ index: 1, reason: "events[1]: bad" }],
      storedEvents: 1,
    });
    expect(back?.events).toEqual([{ ...event, rawRef: "github#del-1" }]);
    expect(await store.getDelivery("github", "missing")).toBeUndefined();
  });

  it("is idempotent on (source, delivery id) and reports the first outcome", async () => {
    const first = await store.put(record("dup-1", [deployment("dup-e", "2026-11-20T10:00:00Z")]));
    expect(first.status).toBe("stored");
    const again = await store.put(record("dup-1", [deployment("dup-other", "2026-11-20T10:00:00Z")]));
    expect(again).toEqual({ status: "duplicate", existing: { outcome: "accepted", storedEvents: 1, storedErrors: 0 } });
    expect((await store.deployments()).filter((e) => e.id === "dup-other")).toEqual([]);
  });

  it("stores the same delivery once when it arrives concurrently", async () => {
    const before = await store.counts();
    const results = await Promise.all(
      Array.from({ length: 25 }, () => store.put(record("race-1", [deployment("race-e", "2026-11-20T11:00:00Z")]))),
    );
    expect(results.filter((r) => r.status === "stored")).toHaveLength(1);
    expect(results.filter((r) => r.status === "duplicate")).toHaveLength(24);
    const after = await store.counts();
    expect(after.deliveries - before.deliveries).toBe(1);
    expect(after.events - before.events).toBe(1);
  });

  it("keeps an event once when two deliveries carry it", async () => {
    const event = deployment("shared-e", "2026-11-20T12:00:00Z");
    await store.put(record("share-a", [event]));
    const second = await store.put(record("share-b", [event]));
    expect(second).toEqual({ status: "stored", storedEvents: 0, storedErrors: 0 });
    expect((await store.deployments()).filter((e) => e.id === "shared-e")).toHaveLength(1);
  });

  it("keeps rejected and ignored deliveries with their reason", async () => {
    await store.put(record("rej-1", [], { outcome: "rejected", reason: "payload not understood: a.b: required" }));
    await store.put(record("ign-1", [], { outcome: "ignored", reason: "push events are not mapped" }));
    expect(await store.getDelivery("github", "rej-1")).toMatchObject({
      outcome: "rejected",
      reason: "payload not understood: a.b: required",
    });
    expect(await store.put(record("rej-1"))).toEqual({
      status: "duplicate",
      existing: {
        outcome: "rejected",
        reason: "payload not understood: a.b: required",
        storedEvents: 0,
        storedErrors: 0,
      },
    });
  });

  it("queries deployments, environment events and changes by half-open time range, app, environment and provider", async () => {
    const q = "2026-10-0";
    await store.put(
      record("q-1", [
        deployment("q-a", `${q}1T00:00:00Z`),
        deployment("q-b", `${q}2T00:00:00+02:00`, {
          service: "web",
          environment: { name: "staging", kind: "staging" },
        }),
        deployment("q-c", `${q}3T00:00:00Z`, { provider: "gitlab" }),
        {
          type: "environment",
          id: "q-env",
          source: "qovery",
          provider: "qovery",
          timestamp: `${q}2T12:00:00Z`,
          action: "created",
          environment: { name: "pr-12", kind: "preview" },
          preview: true,
          service: "api",
        },
        {
          type: "change",
          id: "q-chg",
          source: "https://github.com/acme/api",
          provider: "github",
          timestamp: `${q}2T13:00:00Z`,
          action: "merged",
          repository: "acme/api",
          pullRequest: 12,
        },
      ] as FaultlineEvent[]),
    );
    const range = { from: `${q}1T00:00:00Z`, to: `${q}4T00:00:00Z` };
    expect((await store.deployments(range)).map((e) => e.id)).toEqual(["q-a", "q-b", "q-c"]);
    expect((await store.deployments({ ...range, to: `${q}3T00:00:00Z` })).map((e) => e.id)).toEqual(["q-a", "q-b"]);
    expect((await store.deployments({ ...range, app: "web" })).map((e) => e.id)).toEqual(["q-b"]);
    expect((await store.deployments({ ...range, environment: "production" })).map((e) => e.id)).toEqual(["q-a", "q-c"]);
    expect((await store.deployments({ ...range, provider: "gitlab" })).map((e) => e.id)).toEqual(["q-c"]);
    expect((await store.deployments({ ...range, limit: 1 })).map((e) => e.id)).toEqual(["q-a"]);
    expect(
      (await store.deployments({ from: new Date(`${q}2T00:00:00Z`), to: Date.parse(`${q}9T00:00:00Z`) })).map(
        (e) => e.id,
      ),
    ).toEqual(["q-c"]);
    expect((await store.environmentEvents({ ...range, environment: "pr-12" })).map((e) => e.id)).toEqual(["q-env"]);
    const changes = await store.changes({ ...range, app: "acme/api" });
    expect(changes).toEqual([expect.objectContaining({ id: "q-chg", action: "merged", rawRef: "github#q-1" })]);
  });

  it("stores error reports, deduplicated by report id, and queries them by time, app and environment", async () => {
    const errors = [
      {
        id: "e1",
        message: "ImagePullBackOff",
        timestamp: "2026-09-01 10:00:00.123+00",
        ids: { application: "app-1", environment: "env-1" },
      },
      {
        id: "e2",
        message: "OOMKilled",
        timestamp: 1_788_000_000_000,
        ids: { application: "app-2", environment: "env-1" },
      },
      { message: "no id, no time" },
    ];
    const stored = await store.put({ ...record("err-1"), source: "errors", provider: "other", errors });
    expect(stored).toEqual({ status: "stored", storedEvents: 0, storedErrors: 3 });
    const again = await store.put({
      ...record("err-2"),
      source: "errors",
      provider: "other",
      errors: [errors[0] as never],
    });
    // The report not stored again is named, so the collector can say so instead of dropping it silently.
    expect(again).toEqual({ status: "stored", storedEvents: 0, storedErrors: 0, alreadyStoredErrors: [0] });
    // Some new, some not: only the positions not stored are named (a repeat within the record counts as stored).
    const mixed = await store.put({
      ...record("err-3"),
      source: "errors",
      provider: "other",
      errors: [errors[0] as never, ...["new", "repeat"].map((message) => ({ id: "e9", message, timestamp: 0 }))],
    });
    expect(mixed).toEqual({ status: "stored", storedEvents: 0, storedErrors: 1, alreadyStoredErrors: [0, 2] });
    const all = await store.errors({ from: "2026-09-01T00:00:00Z", to: "2026-09-02T00:00:00Z" });
    expect(all).toEqual([
      { time: Date.parse("2026-09-01T10:00:00.123Z"), source: "errors", deliveryId: "err-1", report: errors[0] },
    ]);
    // 1_788_000_000_000 ms is 2026-08-29, before e1.
    expect((await store.errors({ environment: "env-1" })).map((e) => e.report.id)).toEqual(["e2", "e1"]);
    expect((await store.errors({ app: "app-2" })).map((e) => e.report.id)).toEqual(["e2"]);
    // No timestamp: the report is filed under the time the collector received it.
    expect(
      (await store.errors({ from: "2026-11-24T10:00:00Z", to: "2026-11-24T10:00:01Z" })).map((e) => e.report.message),
    ).toEqual(["no id, no time"]);
  });

  it("stores U+0000 in non-key fields: raw body kept byte for byte, NUL escaped as \\u0000 in app, environment and reason", async () => {
    // PostgreSQL text cannot hold NUL: this used to fail every put (503 forever) while SQLite stored it.
    const nul = "\u0000";
    const event = deployment("nul-e", "2026-08-01T00:00:00Z", {
      service: `api${nul}`,
      environment: { name: `production${nul}`, kind: "production" },
    });
    const body = `payload=%7B%7D&junk=${nul}`;
    const report = { id: "nul-r", message: `boom ${nul}`, ids: { application: `a${nul}`, environment: `e${nul}` } };
    const put = await store.put(record("nul-1", [event], { body, reason: `state "waiting${nul}"`, errors: [report] }));
    expect(put).toEqual({ status: "stored", storedEvents: 1, storedErrors: 1 });
    const back = await store.getDelivery("github", "nul-1");
    expect(back).toMatchObject({ deliveryId: "nul-1", reason: 'state "waiting\\u0000"', body });
    expect(back?.body).toBe(body);
    expect(back?.events).toEqual([{ ...event, rawRef: "github#nul-1" }]);
    expect(back?.errors).toEqual([report]);
    expect(await store.deployments({ environment: `production${nul}`, app: `api${nul}` })).toEqual([
      { ...event, rawRef: "github#nul-1" },
    ]);
    expect((await store.errors({ app: `a${nul}`, environment: `e${nul}` })).map((e) => e.report)).toEqual([report]);
  });

  it("refuses a key holding U+0000 with a reason naming it, so it never collides with a literal \\u0000", async () => {
    // These used to be escaped to the same key: the second event was dropped (storedEvents 0) and the second
    // delivery answered as a duplicate of the first.
    const nul = "\u0000";
    const before = await store.counts();
    await expect(store.put(record("key-d1", [deployment(`key-e${nul}`, "2026-08-02T00:00:00Z")]))).rejects.toThrow(
      /^\[@faultline\/collector\] record\.events\[0\]\.id: contains U\+0000 \(NUL\), which cannot be stored as a key$/,
    );
    expect(await store.put(record("key-d2", [deployment("key-e\\u0000", "2026-08-02T00:00:00Z")]))).toEqual({
      status: "stored",
      storedEvents: 1,
      storedErrors: 0,
    });
    await expect(
      store.put(record("key-d3", [deployment("key-s", "2026-08-02T00:00:00Z", { source: `s${nul}` })])),
    ).rejects.toThrow(/record\.events\[0\]\.source: contains U\+0000/);

    expect((await store.put(record("key-x\\u0000"))).status).toBe("stored");
    await expect(store.put(record(`key-x${nul}`))).rejects.toThrow(/record\.deliveryId: contains U\+0000/);
    await expect(store.put({ ...record("key-y"), source: `github${nul}` })).rejects.toThrow(
      /record\.source: contains U\+0000/,
    );
    await expect(store.put(record("key-r1", [], { errors: [{ id: `r${nul}`, message: "m" }] }))).rejects.toThrow(
      /record\.errors\[0\]\.id: contains U\+0000/,
    );
    expect((await store.put(record("key-r2", [], { errors: [{ id: "r\\u0000", message: "m" }] }))).status).toBe(
      "stored",
    );

    // Nothing of a refused record was written, and a NUL lookup matches nothing (not the escaped look-alike).
    expect(await store.counts()).toEqual({
      deliveries: before.deliveries + 3,
      events: before.events + 1,
      errors: before.errors + 1,
    });
    expect(await store.getDelivery("github", `key-x${nul}`)).toBeUndefined();
    expect((await store.getDelivery("github", "key-x\\u0000"))?.deliveryId).toBe("key-x\\u0000");
    expect((await store.deployments()).filter((e) => e.id.startsWith("key-e")).map((e) => e.id)).toEqual([
      "key-e\\u0000",
    ]);
  });

  it("rejects invalid queries with a RangeError naming the field", async () => {
    await expect(store.deployments({ from: "yesterday" })).rejects.toThrow(/query\.from is not a valid time/);
    await expect(store.errors({ limit: -1 })).rejects.toThrow(/query\.limit/);
  });

  it("keeps everything acknowledged across a reopen", async () => {
    const before = await store.counts();
    await store.put(record("durable-1", [deployment("durable-e", "2026-11-21T00:00:00Z")]));
    await store.close();
    store = await reopen();
    const after = await store.counts();
    expect(after).toEqual({ ...before, deliveries: before.deliveries + 1, events: before.events + 1 });
    expect((await store.getDelivery("github", "durable-1"))?.events[0]?.id).toBe("durable-e");
  });

  propTest.prop([fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 1, maxLength: 40 })], { numRuns: 15 })(
    "stores each distinct delivery exactly once, whatever the order and repetition",
    async (ids) => {
      const prefix = `prop-${Math.random().toString(36).slice(2)}-`;
      const before = await store.counts();
      const results = await Promise.all(
        ids.map((n) => store.put(record(`${prefix}${n}`, [deployment(`${prefix}e${n}`, "2026-11-22T00:00:00Z")]))),
      );
      const distinct = new Set(ids).size;
      expect(results.filter((r) => r.status === "stored")).toHaveLength(distinct);
      const after = await store.counts();
      expect(after.deliveries - before.deliveries).toBe(distinct);
      expect(after.events - before.events).toBe(distinct);
    },
  );
});

describe("store factories", () => {
  it("throw a TypeError or RangeError naming the option", async () => {
    await expect(createSqliteStore({ filename: "" })).rejects.toThrow(/options\.filename/);
    await expect(createSqliteStore({ filename: ":memory:", maxBatch: 0 })).rejects.toThrow(RangeError);
    await expect(createSqliteStore({ filename: ":memory:", synchronous: "off" as never })).rejects.toThrow(
      /synchronous/,
    );
    await expect(createPostgresStore({ connectionString: "" })).rejects.toThrow(/connectionString/);
  });

  it("reports an unreachable PostgreSQL without leaking the password", async () => {
    const error = await createPostgresStore({ connectionString: "postgres://u:hunter2@127.0.0.1:1/db" }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(String(error.message)).toMatch(/could not prepare the database/);
    expect(String(error.message)).not.toContain("hunter2");
  });

  it("refuses writes after close", async () => {
    const store = await createSqliteStore({ filename: ":memory:" });
    await store.close();
    await expect(store.put(record("x"))).rejects.toThrow(/closed/);
  });
});

describe("SQLite writer thread", () => {
  it("lets a plain process close the store and exit normally", async () => {
    const { execFileSync } = await import("node:child_process");
    const { fileURLToPath } = await import("node:url");
    const script = fileURLToPath(new URL("./support/close-script.ts", import.meta.url));
    const output = execFileSync(process.execPath, ["--conditions=@faultline/source", "--import", "tsx", script], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      encoding: "utf8",
    });
    expect(output).toBe("closed\n");
  });
});
