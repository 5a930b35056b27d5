import * as z from "zod";

/**
 * One error report emitted by a deployment engine, as stored by the platform: `scope`
 * (`ENVIRONMENT`, `APPLICATION`, …), `state` (`DEPLOYMENT_ERROR`, …) and a free-text `message`,
 * which is often long and multi-line. Timestamps and ids are kept as received; unknown extra
 * fields are preserved.
 */
export const DeploymentErrorEvent = z.looseObject({
  message: z.string(),
  scope: z.string().optional(),
  state: z.string().optional(),
  /** As received: an ISO string, a database timestamp string or epoch milliseconds. */
  timestamp: z.union([z.string(), z.number()]).optional(),
  id: z.string().optional(),
  /** Any identifiers of the report (execution, environment, application, organisation, …). */
  ids: z.record(z.string(), z.string()).optional(),
});
export type DeploymentErrorEvent = z.infer<typeof DeploymentErrorEvent>;

/** A stored row holding a batch of error reports. Row-level fields other than `events` are preserved. */
export const ErrorBatch = z.looseObject({
  events: z.array(DeploymentErrorEvent),
});
export type ErrorBatch = z.infer<typeof ErrorBatch>;
