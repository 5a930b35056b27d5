import * as z from "zod";
import { Environment, EventBase, PullRequestNumber, Timestamp } from "./common";

/**
 * Lifecycle step of a deployment (CDEvents: service.deployed / upgraded / rolledback, pipelinerun.started / finished).
 * - `started`: a deployment or a pipeline run began.
 * - `finished`: a pipeline, build or workflow run ended (see `outcome`); by itself not a deployment.
 * - `deployed`: a deployment to an environment ended (see `outcome`): count these for deploy frequency and
 *   change failure rate.
 * - `rolled_back`: an environment was returned to an earlier version.
 */
export const DeploymentKind = z.enum(["started", "finished", "deployed", "rolled_back"]);
export type DeploymentKind = z.infer<typeof DeploymentKind>;

/** How a finished deployment ended. */
export const DeploymentOutcome = z.enum(["success", "failure", "cancelled", "error"]);
export type DeploymentOutcome = z.infer<typeof DeploymentOutcome>;

/**
 * One deployment of a service (or app) to an environment, normalized from any provider.
 * `commitMessage` holds the first line only. Unknown extra fields are preserved.
 */
export const DeploymentEvent = z.looseObject({
  type: z.literal("deployment"),
  ...EventBase,
  kind: DeploymentKind,
  outcome: DeploymentOutcome.optional(),
  service: z.string().min(1).optional(),
  environment: Environment.optional(),
  repository: z.string().min(1).optional(),
  branch: z.string().min(1).optional(),
  commitSha: z.string().min(1).optional(),
  commitMessage: z.string().optional(),
  /** The commit author or the person who triggered the deploy (the "deploy owner"). */
  author: z.string().min(1).optional(),
  pullRequest: PullRequestNumber.optional(),
  startedAt: Timestamp.optional(),
  finishedAt: Timestamp.optional(),
  url: z.url().optional(),
  /** Name of the pipeline, workflow, trigger or job that ran (CDEvents `pipelineName`). */
  pipeline: z.string().min(1).optional(),
  /** The provider's own status word (`SUCCESS`, `partiallySucceeded`, `timed_out`…), kept as sent. */
  providerStatus: z.string().min(1).optional(),
  /** Package URL (purl) of the deployed artifact, e.g. `pkg:oci/shop@sha256%3A…` (CDEvents `artifactId`). */
  artifactId: z.string().min(1).optional(),
  /** Why the run failed, as the provider reported it (CDEvents `errors`). */
  errorMessage: z.string().min(1).optional(),
});
export type DeploymentEvent = z.infer<typeof DeploymentEvent>;
