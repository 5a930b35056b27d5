// Writes json-schema/<name>.json from the zod schemas. test/json-schema.test.ts fails when they drift.
//   pnpm --filter @faultline/schemas json-schema
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { toJSONSchemas } from "../src/json-schema";

const dir = join(import.meta.dirname, "..", "json-schema");
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(toJSONSchemas())) {
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(schema, null, 2)}\n`);
}
console.log(`wrote ${Object.keys(toJSONSchemas()).length} schemas to ${dir}`);
