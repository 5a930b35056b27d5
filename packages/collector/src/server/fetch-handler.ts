import type { Collector } from "../collector";
import { fail } from "../internal/respond";
import type { CollectorResponse } from "../request";

function toResponse(response: CollectorResponse): Response {
  return new Response(response.body, { status: response.status, headers: response.headers });
}

async function readLimited(request: Request, limit: number): Promise<Uint8Array | number> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) return declared;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return size;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * Adapts a collector to the Fetch API (`Request` → `Response`): for Hono, Deno, Bun, Cloudflare-style runtimes
 * and anything else that speaks it. The body is read up to the collector's limit.
 */
export function createFetchHandler(collector: Collector): (request: Request) => Promise<Response> {
  if (!collector || typeof collector.handle !== "function") {
    throw new TypeError("[@faultline/collector] createFetchHandler: collector must come from createCollector()");
  }
  return async (request) => {
    let body: Uint8Array | number;
    try {
      body = await readLimited(request, collector.maxBodyBytes);
    } catch {
      return toResponse(fail(400, "bad_request", "the request body could not be read"));
    }
    if (typeof body === "number") {
      return toResponse(
        fail(413, "payload_too_large", `body is ${body} bytes or more; the limit is ${collector.maxBodyBytes}`),
      );
    }
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const url = new URL(request.url);
    return toResponse(
      await collector.handle({ method: request.method, url: url.pathname + url.search, headers, rawBody: body }),
    );
  };
}

/** The part of a Hono `Context` the adapter uses (so this package does not import hono). */
export interface HonoContextLike {
  req: { raw: Request };
}

/**
 * A Hono handler for a collector. Mount it on the collector's routes; set the collector's `basePath` to the
 * prefix you mount it under.
 *
 * @example
 * ```ts
 * const app = new Hono();
 * app.all("/faultline/*", createHonoHandler(createCollector({ store, auth, basePath: "/faultline" })));
 * ```
 */
export function createHonoHandler(collector: Collector): (c: HonoContextLike) => Promise<Response> {
  const handle = createFetchHandler(collector);
  return (c) => handle(c.req.raw);
}
