// Ajv (draft 2020-12 build) loaded with the official CDEvents v0.5.1 schemas copied into test/fixtures/cdevents.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { fixturesDir } from "./fixtures";

// ajv-formats is CommonJS with a default export; under ESM interop the function may sit on `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

export function cdeventsAjv(): { validatorFor: (type: string) => ValidateFunction; ajv: Ajv2020 } {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  const dir = join(fixturesDir, "cdevents", "schemas");
  for (const sub of ["links", "."]) {
    for (const file of readdirSync(join(dir, sub)).filter((f) => f.endsWith(".json"))) {
      ajv.addSchema(JSON.parse(readFileSync(join(dir, sub, file), "utf8")));
    }
  }
  /** `dev.cdevents.service.deployed.0.3.0` → the schema `https://cdevents.dev/0.5.1/schema/service-deployed-event`. */
  const validatorFor = (type: string): ValidateFunction => {
    const m = /^dev\.cdevents\.([a-z]+)\.([a-z]+)\./.exec(type);
    if (!m) throw new Error(`not a CDEvents type: ${type}`);
    const validate = ajv.getSchema(`https://cdevents.dev/0.5.1/schema/${m[1]}-${m[2]}-event`);
    if (!validate) throw new Error(`no schema for ${type}`);
    return validate;
  };
  return { validatorFor, ajv };
}
