import * as z from "zod";
import { ChangeEvent } from "./change-event";
import { DeploymentErrorEvent, ErrorBatch } from "./deployment-error-event";
import { DeploymentEvent } from "./deployment-event";
import { EnvironmentEvent } from "./environment-event";
import { FaultlineEvent } from "./faultline-event";
import { MetricPoint } from "./metric-point";

const SCHEMAS = {
  FaultlineEvent,
  DeploymentEvent,
  EnvironmentEvent,
  ChangeEvent,
  DeploymentErrorEvent,
  ErrorBatch,
  MetricPoint,
} as const;

/** Names of the schemas exported as JSON Schema (`json-schema/<name>.json` in the package). */
export type JsonSchemaName = keyof typeof SCHEMAS;

/**
 * Our schemas as JSON Schema (draft 2020-12), generated with `z.toJSONSchema`, for consumers in other
 * languages. The package ships the same documents as files: `@faultline/schemas/json-schema/<name>.json`.
 * Refinements JSON Schema cannot state (MetricPoint's finite `value`) are left out.
 *
 * @example
 * const schema = toJSONSchemas().DeploymentEvent;
 * schema.$schema; // => "https://json-schema.org/draft/2020-12/schema"
 */
export function toJSONSchemas(): Record<JsonSchemaName, Record<string, unknown>> {
  const out = {} as Record<JsonSchemaName, Record<string, unknown>>;
  for (const [name, schema] of Object.entries(SCHEMAS) as [JsonSchemaName, z.ZodType][]) {
    out[name] = { title: name, ...z.toJSONSchema(schema, { target: "draft-2020-12", unrepresentable: "any" }) };
  }
  return out;
}
