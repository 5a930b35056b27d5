// Regression script for store.close(): run as a plain process, it must print "closed" and exit 0 (an unref'd
// writer thread once left close() unsettled, so the process exited early with code 13).
import { createSqliteStore } from "../../src/index";
import { tempFile } from "./helpers";

const store = await createSqliteStore({ filename: tempFile("close.db") });
await store.put({
  source: "s",
  deliveryId: "d",
  provider: "github",
  receivedAt: new Date().toISOString(),
  headers: {},
  body: "{}",
  outcome: "accepted",
  events: [],
  errors: [],
  rejected: [],
});
await store.close();
process.stdout.write("closed\n");
