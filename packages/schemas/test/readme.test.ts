import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fromGitHub, toCDEvent } from "@faultline/schemas";
import { describe, expect, it } from "vitest";
import type { WebhookHeaders } from "../src/index";
import { readFixture } from "./helpers/fixtures";

// The README's quick start, verbatim (the import line is above): the test below checks they stay identical.
function quickStart(payload: unknown, headers: WebhookHeaders, console: { log: (...args: unknown[]) => void }): void {
  // payload: a GitHub `deployment_status` webhook body (parsed JSON); headers: its request headers
  const result = fromGitHub(payload, headers);
  if (result.success) {
    const [event] = result.events;
    console.log(event?.type, event?.id); // => deployment github:deployment_status:209916254
    console.log(event && toCDEvent(event).context.type); // => dev.cdevents.service.deployed.0.3.0
  } else console.log(result.error.message); // e.g. deployment_status.state: expected string, received number
}

const dedent = (lines: string[]) => lines.map((l) => l.trim()).filter((l) => l.length > 0);

describe("README quick start", () => {
  it("is the code this test runs", () => {
    const readme = readFileSync(join(import.meta.dirname, "..", "README.md"), "utf8");
    const block = /## Quick start\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const lines = block!.split("\n");
    const source = readFileSync(import.meta.filename, "utf8");
    expect(source).toContain(lines[0]); // the import line
    const body = /function quickStart[^\n]*\n([\s\S]*?)\n}\n/.exec(source)?.[1];
    expect(dedent(body!.split("\n"))).toEqual(dedent(lines.slice(1)));
  });

  it("prints what its comments say", () => {
    const printed: string[] = [];
    const capture = { log: (...args: unknown[]) => void printed.push(args.join(" ")) };
    quickStart(
      readFixture("webhooks/github/deployment_status.payload.json"),
      { "x-github-event": "deployment_status" },
      capture,
    );
    expect(printed).toEqual(["deployment github:deployment_status:209916254", "dev.cdevents.service.deployed.0.3.0"]);
    const broken = readFixture("webhooks/github/deployment_status.payload.json") as {
      deployment_status: { state: unknown };
    };
    broken.deployment_status.state = 3;
    printed.length = 0;
    quickStart(broken, {}, capture);
    expect(printed).toEqual(["deployment_status.state: expected string, received number"]);
  });
});
