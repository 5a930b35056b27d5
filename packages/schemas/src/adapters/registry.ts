import { fromAzureDevOps } from "./azure-devops";
import { fromCircleCI } from "./circleci";
import { fromCloudBuild } from "./cloudbuild";
import { fromGitHub } from "./github";
import { fromGitLab } from "./gitlab";
import { fromQovery } from "./qovery";
import type { Adapter } from "./types";

/** The name a webhook route uses for each provider adapter. */
export type AdapterName = "cloudbuild" | "circleci" | "azure-devops" | "github" | "gitlab" | "qovery";

/**
 * Every provider adapter by name, for routing `/webhooks/:provider` to the right one.
 *
 * @example
 * const result = adapters.github(JSON.parse(body), req.headers);
 */
export const adapters: Readonly<Record<AdapterName, Adapter>> = Object.freeze({
  cloudbuild: fromCloudBuild,
  circleci: fromCircleCI,
  "azure-devops": fromAzureDevOps,
  github: fromGitHub,
  gitlab: fromGitLab,
  qovery: fromQovery,
});
