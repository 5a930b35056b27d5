import * as z from "zod";
import { Environment, EventBase, PullRequestNumber } from "./common";

/** What happened to an environment (CDEvents environment.created / modified / deleted). */
export const EnvironmentAction = z.enum(["created", "modified", "deleted"]);
export type EnvironmentAction = z.infer<typeof EnvironmentAction>;

/**
 * An environment was created, modified or deleted. Preview environments carry `preview: true`
 * and the pull request they belong to. Unknown extra fields are preserved.
 */
export const EnvironmentEvent = z.looseObject({
  type: z.literal("environment"),
  ...EventBase,
  action: EnvironmentAction,
  environment: Environment,
  preview: z.boolean(),
  pullRequest: PullRequestNumber.optional(),
  repository: z.string().min(1).optional(),
  service: z.string().min(1).optional(),
  url: z.url().optional(),
});
export type EnvironmentEvent = z.infer<typeof EnvironmentEvent>;
