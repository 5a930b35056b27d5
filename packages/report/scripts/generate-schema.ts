// Writes schema/report.schema.json from ReportModelSchema. Run: pnpm --filter @faultline/report schema
import { writeFileSync } from "node:fs";
import * as z from "zod";
import { reportJsonSchema } from "../src/report-json-schema";
import { ReportModelSchema } from "../src/report-model";

const url = new URL("../schema/report.schema.json", import.meta.url);
writeFileSync(url, `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
console.log(`wrote ${url.pathname} (${Object.keys(z.toJSONSchema(ReportModelSchema)).length} top-level keys)`);
