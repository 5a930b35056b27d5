import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { sampleReport } from "../scripts/render-sample";
import { ReportModelSchema, renderJson, reportJsonSchema } from "../src/index";

describe("report JSON Schema", () => {
  it("is the committed schema/report.schema.json (regenerate with `pnpm --filter @faultline/report schema`)", () => {
    const published = JSON.parse(readFileSync(new URL("../schema/report.schema.json", import.meta.url), "utf8"));
    expect(published).toEqual(reportJsonSchema());
    expect(published.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("accepts the full sample report and rejects an unknown field", () => {
    const model = sampleReport();
    expect(ReportModelSchema.safeParse(JSON.parse(renderJson(model))).success).toBe(true);
    const bad = { ...model, extra: 1 };
    expect(ReportModelSchema.safeParse(bad).success).toBe(false);
    // The JSON Schema says the same: no additional properties at the top level.
    expect(z.toJSONSchema(ReportModelSchema).additionalProperties).toBe(false);
  });
});
