import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";

const template = JSON.parse(
  readFileSync(new URL("../fixtures/deployment_status.payload.json", import.meta.url), "utf8"),
) as { deployment_status: { id: number } };

/** Secret the reliability runs sign with. */
export const LOAD_SECRET = "load-test-secret";

/**
 * The n-th distinct signed GitHub `deployment_status` delivery (GitHub's documented example with a unique status
 * id, so each delivery yields one distinct event).
 */
export function signedDelivery(
  n: number,
  secret: string = LOAD_SECRET,
): { headers: Record<string, string>; body: Buffer } {
  template.deployment_status.id = 1_000_000_000 + n;
  const body = Buffer.from(JSON.stringify(template));
  return {
    body,
    headers: {
      "content-type": "application/json",
      "x-github-event": "deployment_status",
      "x-github-delivery": `load-${n}`,
      "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
    },
  };
}
