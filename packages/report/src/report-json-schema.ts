import * as z from "zod";
import { ReportModelSchema } from "./report-model";

/**
 * The JSON Schema (draft 2020-12) of {@link ReportModel}, generated from {@link ReportModelSchema}; identical to
 * the published `@faultline/report/report.schema.json`.
 *
 * @example
 * reportJsonSchema().$schema; // => "https://json-schema.org/draft/2020-12/schema"
 */
export function reportJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ReportModelSchema, { target: "draft-2020-12" }),
    $id: "https://github.com/faultline-dev/faultline/blob/main/packages/report/schema/report.schema.json",
    title: "Faultline report model",
  };
}
