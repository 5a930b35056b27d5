import type { ReportModel } from "../report-model";

/** Options of {@link renderJson}. */
export interface JsonOptions {
  /**
   * Spaces of indentation; 0 writes one line.
   * @defaultValue 2
   */
  indent?: number;
}

/**
 * Serializes a report model as JSON that validates against the published JSON Schema
 * (`@faultline/report/report.schema.json`).
 *
 * @example
 * renderJson(buildReport({ title: "Weekly" }), { indent: 0 }).slice(0, 29); // => '{"version":1,"title":"Weekly"'
 */
export function renderJson(model: ReportModel, options: JsonOptions = {}): string {
  const indent = options.indent ?? 2;
  return `${JSON.stringify(model, null, indent > 0 ? indent : undefined)}\n`;
}
