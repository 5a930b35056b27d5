import * as z from "zod";
import { EventBase, PullRequestNumber } from "./common";

/** What happened to a pull request (CDEvents change.created / merged / abandoned). */
export const ChangeAction = z.enum(["opened", "merged", "closed"]);
export type ChangeAction = z.infer<typeof ChangeAction>;

/** A pull request (or merge request) was opened, merged, or closed without merging. Unknown extra fields are preserved. */
export const ChangeEvent = z.looseObject({
  type: z.literal("change"),
  ...EventBase,
  action: ChangeAction,
  repository: z.string().min(1),
  pullRequest: PullRequestNumber,
  title: z.string().optional(),
  author: z.string().min(1).optional(),
  branch: z.string().min(1).optional(),
  baseBranch: z.string().min(1).optional(),
  commitSha: z.string().min(1).optional(),
  url: z.url().optional(),
});
export type ChangeEvent = z.infer<typeof ChangeEvent>;
