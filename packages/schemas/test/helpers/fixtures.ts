// Loads every webhook fixture under test/fixtures/webhooks as (provider, payload, headers) cases.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { AdapterName, WebhookHeaders } from "../../src/index";

export const fixturesDir: string = join(import.meta.dirname, "..", "fixtures");

export interface WebhookFixture {
  /** `github/deployment_status.payload.json` */
  name: string;
  provider: AdapterName;
  payload: unknown;
  headers?: WebhookHeaders;
}

const providers: AdapterName[] = ["azure-devops", "circleci", "cloudbuild", "github", "gitlab", "qovery"];

/** Every `.json` fixture; `cogni.capture.*` files are smee.io captures whose body is base64 and whose headers are real. */
export function webhookFixtures(): WebhookFixture[] {
  const out: WebhookFixture[] = [];
  for (const provider of providers) {
    const dir = join(fixturesDir, "webhooks", provider);
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith(".json")) continue;
      const raw = JSON.parse(readFileSync(join(dir, file), "utf8"));
      const name = `${provider}/${file}`;
      if (typeof raw.body_raw_base64 === "string") {
        const payload = JSON.parse(Buffer.from(raw.body_raw_base64, "base64").toString("utf8"));
        out.push({ name, provider, payload, headers: raw.headers });
      } else out.push({ name, provider, payload: raw });
    }
  }
  return out;
}

/** Reads a JSON file under test/fixtures. */
export function readFixture(path: string): unknown {
  return JSON.parse(readFileSync(join(fixturesDir, path), "utf8"));
}
