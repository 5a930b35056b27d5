// The load peer, in its own process like the collector: a bare node:http server that reads the body, checks the
// same HMAC, parses the JSON and answers 200 without storing anything. Prints `READY <url>`.
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { LOAD_SECRET } from "../test/support/deliveries";

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const expected = `sha256=${createHmac("sha256", LOAD_SECRET).update(body).digest("hex")}`;
    const ok = req.headers["x-hub-signature-256"] === expected;
    if (ok) JSON.parse(body.toString("utf8"));
    res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok, deliveryId: req.headers["x-github-delivery"] }));
  });
});
let idle = process.cpuUsage();
server.listen(0, "127.0.0.1", () => {
  idle = process.cpuUsage();
  process.stdout.write(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on("SIGTERM", () => {
  process.stdout.write(`CPU ${JSON.stringify(process.cpuUsage(idle))}\n`);
  server.close(() => process.exit(0));
});
