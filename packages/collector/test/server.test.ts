import { connect, type Socket } from "node:net";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Collector,
  type CollectorStore,
  createCollector,
  createFetchHandler,
  createHonoHandler,
  createServer,
  createSqliteStore,
  type RunningServer,
  startServer,
} from "../src/index";
import { LOAD_SECRET, signedDelivery } from "./support/deliveries";
import { sign, tempFile } from "./support/helpers";

let store: CollectorStore;
let collector: Collector;
let server: RunningServer;

beforeAll(async () => {
  store = await createSqliteStore({ filename: tempFile("server.db") });
  collector = createCollector({ store, auth: { github: { secret: LOAD_SECRET } } });
  server = await startServer({ collector, headersTimeoutMs: 500, requestTimeoutMs: 1_000 });
});
afterAll(async () => {
  await server.close();
  await store.close();
});

async function send(body: Uint8Array | string, headers: Record<string, string>, path = "/webhooks/github") {
  const response = await fetch(`${server.url}${path}`, { method: "POST", headers, body });
  return { status: response.status, body: (await response.json()) as { status?: string; error?: { message: string } } };
}

async function stillServes(n: number): Promise<void> {
  const d = signedDelivery(n);
  const response = await send(d.body, d.headers);
  expect(response.status).toBe(200);
  expect(response.body.status).toBe("stored");
}

function openSocket(): Promise<Socket> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1", () => resolve(socket));
    socket.once("error", reject);
  });
}

function closed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let data = "";
    socket.on("data", (chunk) => {
      data += chunk.toString();
    });
    socket.once("close", () => resolve(data));
  });
}

describe("node:http server under hostile input", () => {
  it("stores a signed delivery and answers its replay as a duplicate", async () => {
    const d = signedDelivery(1);
    expect((await send(d.body, d.headers)).body.status).toBe("stored");
    expect((await send(d.body, d.headers)).body.status).toBe("duplicate");
    expect(await store.deployments()).toHaveLength(1);
  });

  it.each([
    ["invalid JSON", "{oops", 400, 12],
    ["10,000-deep nesting", `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`, 400, 13],
  ])("answers %s with its status and keeps serving", async (_label, text, status, next) => {
    // Signed with the right secret, so the request gets past authentication to the parser.
    const body = Buffer.from(text);
    const headers = { ...signedDelivery(0).headers, "x-hub-signature-256": sign.github(body, LOAD_SECRET) };
    expect((await send(body, headers)).status).toBe(status);
    await stillServes(next);
  });

  it("answers a wrong signature with 401 and keeps serving", async () => {
    const d = signedDelivery(3);
    expect((await send(d.body, { ...d.headers, "x-hub-signature-256": `sha256=${"0".repeat(64)}` })).status).toBe(401);
    await stillServes(3);
  });

  it("answers a 10 MB body with 413 and keeps serving", async () => {
    const d = signedDelivery(4);
    const response = await send(Buffer.alloc(10 * 1024 * 1024, 0x20), d.headers);
    expect(response.status).toBe(413);
    expect(response.body.error?.message).toMatch(/limit is 1048576/);
    await stillServes(4);
  });

  it("answers a body declared far over the limit with 413 without reading it", async () => {
    const socket = await openSocket();
    const done = closed(socket);
    socket.write(
      "POST /webhooks/github HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n{",
    );
    expect(await done).toMatch(/^HTTP\/1\.1 413/);
    await stillServes(5);
  });

  it("drops a slow-loris client (headers trickling in) while answering others", async () => {
    const socket = await openSocket();
    const done = closed(socket);
    socket.write("POST /webhooks/github HTTP/1.1\r\nHost: x\r\n");
    let n = 0;
    const drip = setInterval(() => {
      if (!socket.destroyed) socket.write(`X-Slow-${n++}: 1\r\n`);
    }, 100);
    const started = Date.now();
    await stillServes(6);
    await stillServes(7);
    const answer = await done;
    clearInterval(drip);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    await stillServes(8);
  });

  it("drops a client that trickles its body past the request timeout", async () => {
    const socket = await openSocket();
    const done = closed(socket);
    socket.write(
      "POST /webhooks/github HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n",
    );
    const drip = setInterval(() => {
      if (!socket.destroyed) socket.write(" ");
    }, 100);
    const started = Date.now();
    await stillServes(9);
    await done;
    clearInterval(drip);
    expect(Date.now() - started).toBeLessThan(5_000);
    await stillServes(10);
  });

  it("survives garbage that is not HTTP", async () => {
    const socket = await openSocket();
    const done = closed(socket);
    socket.write("\x00\x01\x02 NOT HTTP AT ALL\r\n\r\n");
    expect(await done).toMatch(/^HTTP\/1\.1 400/);
    await stillServes(11);
  });

  it("rejects invalid timeouts", () => {
    expect(() => createServer({ collector, headersTimeoutMs: 0 })).toThrow(/headersTimeoutMs/);
    expect(() => createServer({ collector: {} as Collector })).toThrow(/options\.collector/);
  });
});

describe("Fetch API and Hono adapters", () => {
  it("serve the collector from a Hono app under a base path", async () => {
    const based = createCollector({ store, auth: { github: { secret: LOAD_SECRET } }, basePath: "/faultline" });
    const app = new Hono();
    app.all("/faultline/*", createHonoHandler(based));
    app.get("/", (c) => c.text("home"));
    const d = signedDelivery(20);
    const response = await app.request("/faultline/webhooks/github", {
      method: "POST",
      headers: d.headers,
      body: d.body,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "stored", deliveryId: "load-20" });
    const wrong = await app.request("/faultline/webhooks/github", {
      method: "POST",
      headers: { ...d.headers, "x-hub-signature-256": "sha256=00" },
      body: d.body,
    });
    expect(wrong.status).toBe(401);
    expect(await (await app.request("/")).text()).toBe("home");
  });

  it("answer 413 from the Fetch handler without buffering the whole body", async () => {
    const small = createCollector({ store, auth: { github: { secret: LOAD_SECRET } }, maxBodyBytes: 1000 });
    const handle = createFetchHandler(small);
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 100) controller.close();
        else controller.enqueue(new Uint8Array(600));
      },
    });
    const request = new Request("http://x/webhooks/github", {
      method: "POST",
      body: stream,
      duplex: "half",
    } as RequestInit);
    const response = await handle(request);
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(5);
  });
});
