import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Collector } from "../collector";
import { fail } from "../internal/respond";
import type { CollectorResponse } from "../request";

/** Options for {@link createServer}. */
export interface NodeServerOptions {
  /** The handler to serve, from {@link createCollector}. */
  collector: Collector;
  /**
   * Time allowed to receive the request headers, in milliseconds (slow-loris guard).
   * @defaultValue 10_000
   */
  headersTimeoutMs?: number;
  /**
   * Time allowed to receive the whole request, in milliseconds.
   * @defaultValue 30_000
   */
  requestTimeoutMs?: number;
  /**
   * How long an idle keep-alive connection stays open, in milliseconds.
   * @defaultValue 5_000
   */
  keepAliveTimeoutMs?: number;
}

/** Options for {@link startServer}: the server options plus where to listen. */
export interface StartServerOptions extends NodeServerOptions {
  /**
   * Interface to listen on.
   * @defaultValue "127.0.0.1"
   */
  host?: string;
  /**
   * TCP port; 0 picks a free one.
   * @defaultValue 0
   */
  port?: number;
}

/** A listening collector. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  server: Server;
  /** Stops accepting connections, ends idle ones and waits for requests in flight. Does not close the store. */
  close(): Promise<void>;
}

function send(res: ServerResponse, response: CollectorResponse, close = false): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = {
    ...response.headers,
    "content-length": String(Buffer.byteLength(response.body)),
  };
  if (close) headers.connection = "close";
  res.writeHead(response.status, headers);
  res.end(response.body);
}

/**
 * A `node:http` request listener around a collector: reads the body up to the collector's limit, answers 413
 * beyond it (reading at most 16× the limit before closing the connection, so the client still sees the 413),
 * and never lets a request error reach the process.
 */
export function createNodeListener(collector: Collector): (req: IncomingMessage, res: ServerResponse) => void {
  const limit = collector.maxBodyBytes;
  const discardCap = limit * 16;
  const tooLarge = (size: number): CollectorResponse =>
    fail(413, "payload_too_large", `body is ${size} bytes or more; the limit is ${limit}`);
  return (req, res) => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > discardCap) {
      send(res, tooLarge(declared), true);
      res.once("finish", () => req.destroy());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("error", () => {
      // Client went away mid-body: nothing was stored, nothing to answer.
    });
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (over) {
        if (size > discardCap) {
          send(res, tooLarge(size), true);
          res.once("finish", () => req.destroy());
        }
        return;
      }
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (over) {
        send(res, tooLarge(size), true);
        return;
      }
      collector
        .handle({
          method: req.method ?? "GET",
          url: req.url ?? "/",
          headers: req.headers,
          rawBody: Buffer.concat(chunks, size),
        })
        .then(
          (response) => send(res, response),
          () => send(res, fail(500, "internal", "internal error; the delivery was not stored")),
        );
    });
  };
}

/**
 * Creates (without starting) a `node:http` server for a collector, with slow-loris timeouts set.
 * @throws RangeError when a timeout is not a positive integer.
 */
export function createServer(options: NodeServerOptions): Server {
  if (!options?.collector || typeof options.collector.handle !== "function") {
    throw new TypeError("[@faultline/collector] createServer: options.collector must come from createCollector()");
  }
  const timeout = (name: "headersTimeoutMs" | "requestTimeoutMs" | "keepAliveTimeoutMs", fallback: number): number => {
    const value = options[name];
    if (value === undefined) return fallback;
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(
        `[@faultline/collector] createServer: options.${name} must be a positive integer (got ${value})`,
      );
    }
    return value;
  };
  const headersTimeout = timeout("headersTimeoutMs", 10_000);
  const requestTimeout = Math.max(timeout("requestTimeoutMs", 30_000), headersTimeout);
  const server = createHttpServer(
    {
      headersTimeout,
      requestTimeout,
      keepAliveTimeout: timeout("keepAliveTimeoutMs", 5_000),
      // Node checks the two timeouts above on this interval; the default (30 s) would let a slow client
      // hold a connection up to 30 s past its deadline.
      connectionsCheckingInterval: Math.min(1_000, headersTimeout),
    },
    createNodeListener(options.collector),
  );
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    // Malformed HTTP or a timed-out slow client: answer if the socket still can, then drop it.
    const status =
      error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? "408 Request Timeout"
        : error.code === "HPE_HEADER_OVERFLOW"
          ? "431 Request Header Fields Too Large"
          : "400 Bad Request";
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    else socket.destroy();
  });
  return server;
}

/**
 * Starts a `node:http` server for a collector and resolves once it listens.
 *
 * @example
 * ```ts
 * const store = await createSqliteStore({ filename: "faultline.db" });
 * const collector = createCollector({ store, auth: { github: { secret: "s3cret" } } });
 * const { url, close } = await startServer({ collector, port: 8787 });
 * ```
 * @throws RangeError for invalid timeouts; rejects when the port cannot be bound.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(
      `[@faultline/collector] startServer: options.port must be an integer in 0..65535 (got ${port})`,
    );
  }
  const host = options.host ?? "127.0.0.1";
  const server = createServer(options);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
