// @faultline/schemas: one validated vocabulary for CI/CD and deployment-error events.
// isolatedDeclarations is off in this package only: inferred zod consts cannot carry explicit types (TS9010).

// Provider adapters
export { fromAzureDevOps } from "./adapters/azure-devops";
export { fromCircleCI } from "./adapters/circleci";
export { type CloudBuildAdapterOptions, createCloudBuildAdapter, fromCloudBuild } from "./adapters/cloudbuild";
export { type DetectedAdapterResult, detectProvider, fromAnyProvider } from "./adapters/detect-provider";
export { fromGitHub } from "./adapters/github";
export { fromGitLab } from "./adapters/gitlab";
export { fromQovery } from "./adapters/qovery";
export { type AdapterName, adapters } from "./adapters/registry";
export type { Adapter, AdapterError, AdapterResult, WebhookHeaders } from "./adapters/types";
// CDEvents and CloudEvents
export { CDEVENTS_SPEC_VERSION, type CDEvent } from "./cdevents/cdevent";
export {
  type CloudEventInput,
  type CloudEventMessage,
  type CloudEventMode,
  type CloudEventOptions,
  fromCloudEvent,
  toCloudEvent,
} from "./cdevents/cloudevents";
export { fromCDEvent, toCDEvent } from "./cdevents/convert";
// CI/CD events
export { ChangeAction, ChangeEvent } from "./change-event";
// Common
export { Environment, EnvironmentKind, EventBase, Provider, PullRequestNumber, Timestamp } from "./common";
// Deployment error reports
export { DeploymentErrorEvent, ErrorBatch } from "./deployment-error-event";
export { DeploymentEvent, DeploymentKind, DeploymentOutcome } from "./deployment-event";
export { EnvironmentAction, EnvironmentEvent } from "./environment-event";
export { inferEnvironmentKind, pullRequestFromEnvironmentName } from "./environment-kind";
export { FaultlineEvent } from "./faultline-event";
// JSON Schema export
export { type JsonSchemaName, toJSONSchemas } from "./json-schema";
// Product metrics
export { MetricPoint } from "./metric-point";
