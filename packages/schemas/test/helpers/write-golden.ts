// Regenerates test/fixtures/golden/<provider>.json from the adapters. Review the diff by hand before committing:
// the golden files are the reviewed truth the adapter tests compare against.
//   node --conditions=@faultline/source --import tsx test/helpers/write-golden.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { adapters } from "../../src/index";
import { fixturesDir, webhookFixtures } from "./fixtures";

const byProvider = new Map<string, Record<string, unknown>>();
for (const f of webhookFixtures()) {
  const table = byProvider.get(f.provider) ?? {};
  table[f.name] = adapters[f.provider](f.payload, f.headers);
  byProvider.set(f.provider, table);
}
mkdirSync(join(fixturesDir, "golden"), { recursive: true });
for (const [provider, table] of byProvider) {
  writeFileSync(join(fixturesDir, "golden", `${provider}.json`), `${JSON.stringify(table, null, 2)}\n`);
}
