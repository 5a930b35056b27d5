import * as z from "zod";

/** The CI/CD system an event came from. `cdevents` marks events received already in CDEvents form. */
export const Provider = z.enum([
  "cloudbuild",
  "circleci",
  "azure-devops",
  "github",
  "gitlab",
  "qovery",
  "cdevents",
  "other",
]);
export type Provider = z.infer<typeof Provider>;

/**
 * An instant as an ISO 8601 date-time string with an explicit offset (`2026-11-24T09:30:00Z`,
 * `2021-04-28T21:50:00+02:00`). Adapters convert provider formats to this form.
 */
export const Timestamp = z.iso.datetime({ offset: true });
export type Timestamp = z.infer<typeof Timestamp>;

/** What an environment is for. Preview environments live for one pull request. */
export const EnvironmentKind = z.enum(["production", "staging", "preview", "other"]);
export type EnvironmentKind = z.infer<typeof EnvironmentKind>;

/** A named deployment target. */
export const Environment = z.looseObject({
  name: z.string().min(1),
  kind: EnvironmentKind,
  /** Provider-specific environment id, when there is one. */
  id: z.string().min(1).optional(),
  url: z.url().optional(),
});
export type Environment = z.infer<typeof Environment>;

/** A pull request (GitHub), merge request (GitLab) or pull request (Azure Repos) number. */
export const PullRequestNumber = z.int().positive();
export type PullRequestNumber = z.infer<typeof PullRequestNumber>;

/**
 * Fields every normalized event carries: a stable id (unique within its `source`), the `source`
 * that emitted it (a URI-reference, as in CDEvents `context.source`), the provider and when it happened.
 */
export const EventBase = {
  id: z.string().min(1),
  source: z.string().min(1),
  provider: Provider,
  timestamp: Timestamp,
  /** Opaque pointer to the stored raw payload (the collector sets `<source>#<deliveryId>`). */
  rawRef: z.string().min(1).optional(),
};
