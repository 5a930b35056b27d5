import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { type AdapterResult, toJSONSchemas } from "../src/index";
import { fixturesDir, readFixture } from "./helpers/fixtures";

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;
const shipped = join(import.meta.dirname, "..", "json-schema");

describe("toJSONSchemas", () => {
  it("matches the json-schema/ files shipped in the package (run `pnpm --filter @faultline/schemas json-schema` after changing a schema)", () => {
    const generated = toJSONSchemas();
    expect(readdirSync(shipped).sort()).toEqual(
      Object.keys(generated)
        .map((n) => `${n}.json`)
        .sort(),
    );
    for (const [name, schema] of Object.entries(generated)) {
      // Compared as data: the formatter may lay the files out differently from JSON.stringify.
      expect(JSON.parse(readFileSync(join(shipped, `${name}.json`), "utf8")), name).toEqual(schema);
    }
  });

  it("lets another language's validator accept every event the adapters produce, and refuse a broken one", () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(shipped, "FaultlineEvent.json"), "utf8")));
    const events = readdirSync(join(fixturesDir, "golden")).flatMap((f) =>
      Object.values(readFixture(`golden/${f}`) as Record<string, AdapterResult>).flatMap((r) =>
        r.success ? r.events : [],
      ),
    );
    expect(events.length).toBeGreaterThan(40);
    for (const event of events) expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...events[0], timestamp: "2026-11-23 10:00" })).toBe(false);
    expect(validate({ ...events[0], type: "metric" })).toBe(false);
  });
});
