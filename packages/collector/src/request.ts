/** One header value as Node and most frameworks give it: a string, repeated values, or absent. */
export type HeaderValue = string | readonly string[] | undefined;

/** Request headers keyed by name. The collector lower-cases names itself, so any case works. */
export type IncomingHeaders = Readonly<Record<string, HeaderValue>>;

/**
 * A framework-agnostic HTTP request: what {@link Collector.handle} needs and nothing more.
 * `rawBody` must be the exact bytes received, because signatures are computed over them.
 */
export interface CollectorRequest {
  /** HTTP method, any case (`POST`). */
  method: string;
  /** Path with optional query string (`/webhooks/github?x=1`); an absolute URL also works. */
  url: string;
  headers: IncomingHeaders;
  /** The body exactly as received. */
  rawBody: Uint8Array;
}

/** The answer to send back: status, headers and a JSON text body. */
export interface CollectorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}
