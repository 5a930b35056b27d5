import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { createCollector, createSqliteStore } from "@faultline/collector";
import { analyzeDeployFrequency, buildReport, renderMarkdown } from "@faultline/report";
import { describe, expect, it } from "vitest";
import { SAMPLE_DIR } from "../src/bundled-sample";
import { describeExclusions } from "../src/commands/deploys";
import { configFromEnvironment, resolveEnvReferences } from "../src/commands/serve";
import { main } from "../src/main";

const WEBHOOKS = join(import.meta.dirname, "fixtures", "webhooks");

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], options: { stdin?: string; cwd?: string } = {}): Promise<Ran> {
  let stdout = "";
  let stderr = "";
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        append(String(chunk));
        done();
      },
    });
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? "");
  const code = await main(argv, {
    stdout: sink((s) => {
      stdout += s;
    }),
    stderr: sink((s) => {
      stderr += s;
    }),
    stdin,
    cwd: options.cwd ?? SAMPLE_DIR,
  });
  return { code, stdout, stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), "faultline-cli-"));

describe("faultline analyze", () => {
  it("prints the machine contract: one JSON object, one assignment per flattened event", async () => {
    const r = await run(["analyze", "errors.ndjson", "--format", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      groups: { id: number; size: number; share: number; representative: string; template: string }[];
      assignments: number[];
      rejected: unknown[];
    };
    const truth = JSON.parse(readFileSync(join(SAMPLE_DIR, "errors.truth.json"), "utf8")) as string[];
    expect(out.assignments).toHaveLength(truth.length);
    expect(out.rejected).toEqual([]);
    expect(Object.keys(out.groups[0]!)).toEqual(["id", "size", "share", "representative", "template"]);
    expect(out.groups.map((g) => g.id)).toEqual(out.groups.map((_, i) => i));
    for (const g of out.groups) expect(out.assignments.filter((a) => a === g.id)).toHaveLength(g.size);
    const sizes = out.groups.map((g) => g.size);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  it("--eval prints ARI and grouping accuracy; the bundled sample stays above its measured floor", async () => {
    const r = await run(["analyze", "errors.ndjson", "--eval", "errors.truth.json", "--format", "json"]);
    const { evaluation } = JSON.parse(r.stdout) as { evaluation: { ari: number; groupingAccuracy: number } };
    // The target; measured 1.000 with the defaults (README). A regression in masking, cause lines, mining,
    // clustering or core-clause linking drops it.
    expect(evaluation.ari).toBeGreaterThanOrEqual(0.95);
    const text = await run(["analyze", "errors.ndjson", "--eval", "errors.truth.json"]);
    expect(text.stdout).toMatch(/ARI [01]\.\d{3}, grouping accuracy [01]\.\d{3}/);
  });

  it("a bad line in the middle: good lines processed, the bad one listed with its line, exit 1", async () => {
    const dir = tmp();
    const lines = readFileSync(join(SAMPLE_DIR, "errors.ndjson"), "utf8").trim().split("\n").slice(0, 20);
    lines.splice(10, 0, '{"events": [{"message": 42}]}', "not json at all");
    writeFileSync(join(dir, "bad.ndjson"), `${lines.join("\n")}\n`);
    const r = await run(["analyze", "bad.ndjson", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      assignments: number[];
      rejected: { record: number; line: number; reason: string }[];
    };
    expect(out.rejected.map((x) => [x.record, x.line])).toEqual([
      [10, 11],
      [11, 12],
    ]);
    expect(out.rejected[0]!.reason).toMatch(/events\[0\]\.message/);
    expect(out.assignments.length).toBeGreaterThan(20);
    expect(r.stderr).toMatch(/2 records rejected/);
    expect(r.stderr).toMatch(/line 12/);
  });

  it("reads plain text from stdin", async () => {
    const text = `${"OOMKilled: container api-1 exceeded 512Mi\n".repeat(6)}disk full on node-7\n`;
    const r = await run(["analyze", "-", "--format", "json"], { stdin: text });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { assignments: number[] };
    expect(out.assignments).toHaveLength(7);
  });

  it("--message-field and --time-field read logs with other field names (pino NDJSON)", async () => {
    const lines = [
      ...Array.from({ length: 6 }, (_, i) => ({
        level: 50,
        time: 1763971200000 + i * 3_600_000,
        msg: `OOMKilled: container api-${i} exceeded 512Mi`,
      })),
      { level: 50, time: 1763971200000, msg: "disk full on node-7" },
      { level: 50, time: 1763971200000, err: "no msg field" },
    ].map((l) => JSON.stringify(l));
    const r = await run(["analyze", "-", "--format", "json", "--message-field", "msg", "--time-field", "time"], {
      stdin: `${lines.join("\n")}\n`,
    });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      groups: { size: number }[];
      assignments: number[];
      rejected: { line: number; reason: string }[];
    };
    expect(out.assignments).toHaveLength(7);
    expect(out.groups[0]!.size).toBe(6);
    expect(out.rejected).toEqual([
      { record: 7, line: 8, reason: expect.stringMatching(/no `msg`.*text fields are err/) },
    ]);
    // Without the flag the same records are rejected, each naming its text fields.
    const plain = await run(["analyze", "-", "--format", "json"], { stdin: `${lines.join("\n")}\n` });
    expect((JSON.parse(plain.stdout) as { rejected: { reason: string }[] }).rejected[0]!.reason).toMatch(
      /no `message`.*text fields are msg: name the one that holds the message in fields\.message/,
    );
    expect(plain.stderr).toMatch(/--message-field <name>/);
    expect((await run(["analyze", "-", "--message-field", "a..b"], { stdin: "x\n" })).code).toBe(2);
  });

  it("writes HTML, Markdown and CSV files", async () => {
    const dir = tmp();
    const r = await run(
      ["analyze", join(SAMPLE_DIR, "errors.ndjson"), "--html", "r.html", "--md", "r.md", "--csv", "r.csv", "-q"],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "r.html"), "utf8")).toMatch(/^<!doctype html>/i);
    expect(readFileSync(join(dir, "r.md"), "utf8")).toMatch(/\| *# *\|/);
    expect(readFileSync(join(dir, "r.csv"), "utf8").split("\r\n")[0]).toMatch(/^rank,/);
    expect(r.stdout).toMatch(/Error groups/);
  });

  it("exit codes: missing file 1 (named), usage errors 2 (named), help 0", async () => {
    const missing = await run(["analyze", "nope.ndjson"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.ndjson: no such file/);
    const unknown = await run(["analyze", "errors.ndjson", "--epsilon", "1"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/epsilon/);
    const badEps = await run(["analyze", "errors.ndjson", "--eps", "abc"]);
    expect(badEps.code).toBe(2);
    expect(badEps.stderr).toMatch(/--eps expects a number/);
    const noArg = await run(["analyze"]);
    expect(noArg.code).toBe(2);
    const help = await run(["analyze", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Examples:/);
    expect((await run(["frobnicate"])).code).toBe(2);
    const truthMismatch = await run(["analyze", "errors.ndjson", "--eval", "errors-after.truth.json"]);
    expect(truthMismatch.code).toBe(1);
    expect(truthMismatch.stderr).toMatch(/700 labels for 1000 events/);
  });
});

describe("faultline diff", () => {
  it("clusters both months together: each fixed cause appears once, as shrank", async () => {
    const r = await run(["diff", "errors.ndjson", "errors-after.ndjson", "--format", "json"]);
    expect(r.code).toBe(0);
    const model = JSON.parse(r.stdout) as { errorDiff: { changes: { status: string; template: string }[] } };
    const procfile = model.errorDiff.changes.filter((c) => c.template.includes("procfile"));
    expect(procfile.map((c) => c.status)).toEqual(["shrank"]);
    const probe = model.errorDiff.changes.filter((c) => c.template.includes("probe failed"));
    expect(probe.map((c) => c.status)).toEqual(["shrank"]);
  });
});

describe("faultline deploys and changes", () => {
  it("deploys: per-week counts and the before/after multiplier", async () => {
    const r = await run(["deploys", "deploys.ndjson", "--compare-at", "2026-11-09", "--format", "json"]);
    expect(r.code).toBe(0);
    const model = JSON.parse(r.stdout) as {
      deployComparison: { multiplier: number } | null;
      deployFrequency: { perWeek: { count: number }[] };
    };
    expect(model.deployFrequency.perWeek.length).toBe(5);
    expect(model.deployComparison).not.toBeNull();
    expect(JSON.stringify(model.deployComparison)).toMatch(/\d/);
  });

  it("deploys: the README's deploy section is the sample's output, per month and not-counted line included", async () => {
    const r = await run(["deploys", "deploys.ndjson", "-q"]);
    expect(r.code).toBe(0);
    const section = /\nDeploy frequency\n[\s\S]*?\n\n(?=Preview environments\n)/.exec(r.stdout)?.[0].trim();
    const readme = readFileSync(join(import.meta.dirname, "..", "README.md"), "utf8");
    const shown = /deploy section of `faultline deploys deploys\.ndjson`[^`]*```text\n([\s\S]*?)\n```/.exec(
      readme,
    )?.[1];
    expect(section).toContain("  Not counted: 840 events (840 environment kind preview)\n");
    expect(section).toMatch(/\n2026-10 {5}6 {7}16 {16}5\n2026-11 {4}24 {6}372 {15}20$/);
    expect(shown).toBe(section);
  });

  it("deploys: raw webhook bodies of any supported provider are read; a push is listed as ignored, a stranger rejected", async () => {
    const dir = tmp();
    const body = (f: string) => JSON.stringify(JSON.parse(readFileSync(join(WEBHOOKS, f), "utf8")));
    const lines = [
      body("deployment_status.payload.json"), // GitHub, no headers: told by its shape
      body("go-gitlab.deployment.json"), // GitLab Deployment Hook
      body("push.payload.json"), // GitHub push: no deploy in it
      '{"service":"api","deployedAt":"2026-11-24"}',
    ];
    writeFileSync(join(dir, "hooks.ndjson"), `${lines.join("\n")}\n`);
    const r = await run(["deploys", "hooks.ndjson", "--format", "json"], { cwd: dir });
    expect(r.code).toBe(1);
    const model = JSON.parse(r.stdout) as { deployFrequency: { total: number; from: string } };
    // Both deploys are read; deploy frequency counts the production one (GitLab's went to staging).
    expect(model.deployFrequency.total).toBe(1);
    expect(model.deployFrequency.from).toBe("2019-05-15");
    expect(r.stderr).toMatch(/1 records rejected:\n {2}record 3 \(line 4\): not a Faultline event .*webhook payload/);
    expect(r.stderr).toMatch(/1 records ignored .*:\n {2}record 2 \(line 3\): .*push/);
    // Nothing usable: the rejections are still listed before the analysis says there is nothing to count.
    writeFileSync(join(dir, "none.ndjson"), `${lines[3]}\n`);
    const none = await run(["deploys", "none.ndjson"], { cwd: dir });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(
      /record 0 \(line 1\): not a Faultline event[\s\S]*no deploy to count: the input holds no event/,
    );
  });

  it("deploys: a record that is no event is rejected with its line", async () => {
    const dir = tmp();
    const lines = readFileSync(join(SAMPLE_DIR, "deploys.ndjson"), "utf8").trim().split("\n").slice(0, 30);
    lines.splice(3, 0, '{"type":"deployment","id":"x"}');
    writeFileSync(join(dir, "d.ndjson"), `${lines.join("\n")}\n`);
    const r = await run(["deploys", "d.ndjson", "--format", "csv"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/record 3 \(line 4\): not a Faultline event/);
    expect(r.stdout.split("\r\n")[0]).toBe("date,deploys,failed,weekend,cumulative,month_to_date");
  });

  it("changes: the checkout drop is found and the one-page checkout deploy is the first suspect", async () => {
    const r = await run([
      "changes",
      "--metric",
      "metric.csv",
      "--deploys",
      "deploys.ndjson",
      "--app",
      "checkout",
      "--format",
      "csv",
    ]);
    expect(r.code).toBe(0);
    const [header, first] = r.stdout.split("\r\n");
    expect(header).toMatch(/commit/i);
    expect(first).toMatch(/one-page checkout/);
    const usage = await run(["changes", "--metric", "metric.csv"]);
    expect(usage.code).toBe(2);
  });
});

describe("faultline changes with other metric layouts", () => {
  it("a wide CSV (one column per metric) finds the same suspect; several metrics need --name; nothing readable says why", async () => {
    const dir = tmp();
    const rows = readFileSync(join(SAMPLE_DIR, "metric.csv"), "utf8").trim().split("\n").slice(1);
    const wide = rows
      .map((l) => l.split(","))
      .filter((f) => f[3] === "checkout")
      .map((f) => `${f[0]},${f[2]},${Number(f[2]) * 100},checkout`);
    writeFileSync(join(dir, "wide.csv"), `day,conversion,orders,app\n${wide.join("\n")}\n`);
    const deploys = join(SAMPLE_DIR, "deploys.ndjson");
    const r = await run(
      [
        "changes",
        "--metric",
        "wide.csv",
        "--deploys",
        deploys,
        "--app",
        "checkout",
        "--name",
        "conversion",
        "--format",
        "csv",
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    expect(r.stdout.split("\r\n")[1]).toMatch(/one-page checkout/);
    const several = await run(["changes", "--metric", "wide.csv", "--deploys", deploys], { cwd: dir });
    expect(several.code).toBe(2);
    expect(several.stderr).toMatch(/holds 2 metrics \(conversion, orders\): choose one with --name/);
    writeFileSync(join(dir, "bad.csv"), "when,amount\n2026-11-01,1\n");
    const bad = await run(["changes", "--metric", "bad.csv", "--deploys", deploys], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/no metric rows could be read \(line 2: the header \(line 1\) has no time column/);
  });
});

describe("faultline deploys: what is not counted, and bad flag values", () => {
  const ev = (id: string, day: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      type: "deployment",
      id,
      source: "me",
      provider: "other",
      timestamp: `${day}T10:00:00Z`,
      kind: "deployed",
      service: "api",
      environment: { name: "prod", kind: "production" },
      ...extra,
    });
  const noenv = [
    ev("1", "2026-11-02", { environment: undefined }),
    ev("2", "2026-11-03"),
    ev("3", "2026-11-04", { environment: { name: "stg", kind: "staging" } }),
  ].join("\n");

  it("says how many deploys another environment (or none) kept out, and --environment counts them", async () => {
    const r = await run(["deploys", "-", "--format", "json"], { stdin: noenv });
    expect(r.code).toBe(0);
    const model = JSON.parse(r.stdout) as { deployFrequency: { total: number; accounting: { excluded: unknown[] } } };
    expect(model.deployFrequency.total).toBe(1);
    expect(model.deployFrequency.accounting.excluded).toEqual([
      { reason: "environment kind staging", count: 1, code: "environment-kind", detail: "staging" },
      { reason: "no environment (set environmentKinds: null to count it)", count: 1, code: "no-environment" },
    ]);
    expect(r.stderr).toBe(
      "faultline: 2 deployment events not counted:\n  1 to staging\n  1 with no environment\n" +
        "  only production deploys count: choose with --environment <kind> (repeatable) or --environment all\n",
    );
    // The report itself says so too, also with --quiet: stderr is not the only place it is written.
    const text = await run(["deploys", "-", "-q"], { stdin: noenv });
    expect(text.stderr).toBe("");
    expect(text.stdout).toContain(
      "  Deploys: 1 (7 per week, 1 per day on average)\n" +
        "  Not counted: 2 events (1 environment kind staging; 1 no environment)\n",
    );
    expect(text.stdout).toMatch(
      /\nMonth {4}Days {2}Deploys {2}Deployment days\n-+ {2}-+ {2}-+ {2}-+\n2026-11 {5}1 {8}1 {16}1\n/,
    );
    const all = await run(["deploys", "-", "--environment", "all", "--format", "json"], { stdin: noenv });
    expect((JSON.parse(all.stdout) as { deployFrequency: { total: number } }).deployFrequency.total).toBe(3);
    expect(all.stderr).toBe("");
    const staging = await run(["deploys", "-", "--environment", "staging", "-q", "--format", "json"], { stdin: noenv });
    expect((JSON.parse(staging.stdout) as { deployFrequency: { from: string } }).deployFrequency.from).toBe(
      "2026-11-04",
    );
  });

  it("nothing left to count: the error names the cause in flags, not library options", async () => {
    const preview = await run(["deploys", "-", "--environment", "preview"], { stdin: noenv });
    expect(preview.code).toBe(1);
    expect(preview.stderr).toBe(
      "faultline deploys: no deploy to count (3 events read); deployments left out: 1 to production; 1 to staging; " +
        "1 with no environment; counted: --environment preview\n",
    );
    const typo = await run(["deploys", "-", "--app", "chekout"], { stdin: noenv });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(
      /^faultline deploys: --app chekout: no deploy of that app in the events \(apps deployed: api\)/,
    );
    for (const r of [preview, typo]) expect(r.stderr).not.toMatch(/options\./);
  });

  it("counts a deploy saved twice once and says so", async () => {
    const r = await run(["deploys", "-", "--format", "json"], {
      stdin: [ev("2", "2026-11-03"), ev("2", "2026-11-03"), ev("4", "2026-11-05")].join("\n"),
    });
    expect((JSON.parse(r.stdout) as { deployFrequency: { total: number } }).deployFrequency.total).toBe(2);
    expect(r.stderr).toMatch(/1 deployment event not counted:\n {2}1 duplicate \(same id and source\)/);
  });

  it("stderr lists the same records as the report's Not counted line: unknown types yes, environment events no", async () => {
    const environment = JSON.stringify({
      type: "environment",
      id: "e",
      source: "me",
      provider: "other",
      timestamp: "2026-11-04T10:00:00Z",
      action: "created",
      environment: { name: "pr-1", kind: "preview" },
      preview: true,
    });
    const stdin = [ev("2", "2026-11-03"), ev("2", "2026-11-03"), ev("5", "2026-11-04", { environment: undefined })];
    const r = await run(["deploys", "-"], { stdin: [...stdin, environment].join("\n") });
    expect(r.stdout).toContain(
      "Not counted: 2 events (1 duplicate (same id and source as an earlier event); 1 no environment)",
    );
    expect(r.stderr).toContain(
      "faultline: 2 deployment events not counted:\n  1 duplicate (same id and source)\n  1 with no environment\n",
    );
    // The file reader drops unknown types before the analysis; given one anyway, both list it.
    const events = [...stdin, environment, '{"type":"metric","name":"x","value":1}'].map((l) => JSON.parse(l));
    const result = analyzeDeployFrequency(events);
    expect(renderMarkdown(buildReport({ title: "T", deployFrequency: result }))).toContain(
      "Not counted: 3 events (1 duplicate (same id and source as an earlier event); 1 no environment; " +
        "1 not a deployment (type metric))",
    );
    expect(describeExclusions(result.accounting, {})).toEqual([
      "1 duplicate (same id and source)",
      "1 with no environment",
      "1 not a deployment (type metric)",
      "only production deploys count: choose with --environment <kind> (repeatable) or --environment all",
    ]);
    // Records the analysis could not read are in both too (the report's line counts them).
    const unreadable = analyzeDeployFrequency([...events, 5]);
    expect(describeExclusions(unreadable.accounting, {})).toContain("1 rejected: event is not an object");
    expect(renderMarkdown(buildReport({ title: "T", deployFrequency: unreadable }))).toContain("Not counted: 4 events");
  });

  it("bad --from, --to, --time-zone and --environment values are usage errors naming the flag", async () => {
    for (const [flags, message] of [
      [["--from", "2026-02-30"], /--from expects a calendar date YYYY-MM-DD \(got "2026-02-30"\)/],
      [["--from", "2026-11-05", "--to", "2026-11-01"], /--from 2026-11-05 is after --to 2026-11-01/],
      [["--time-zone", "Mars/Base"], /--time-zone: unknown time zone "Mars\/Base"/],
      [["--environment", "prod"], /--environment must be one of production, staging, preview, other, all/],
    ] as const) {
      const r = await run(["deploys", "-", ...flags], { stdin: noenv });
      expect(r.code, flags.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/options\./);
    }
  });
});

describe("faultline changes --app", () => {
  it("restricts the suspects to that app, as its help says", async () => {
    const r = await run([
      "changes",
      "--metric",
      "metric.csv",
      "--deploys",
      "deploys.ndjson",
      "--app",
      "checkout",
      "--format",
      "json",
    ]);
    expect(r.code).toBe(0);
    const model = JSON.parse(r.stdout) as { metricChanges: { changes: { suspects: { service: string }[] }[] }[] };
    const suspects = model.metricChanges[0]!.changes.flatMap((c) => c.suspects);
    expect(suspects.length).toBeGreaterThan(0);
    // Before the fix, ranks 7–10 were auth, web and billing deploys.
    expect(new Set(suspects.map((s) => s.service))).toEqual(new Set(["checkout"]));
  });

  it("on a CSV without an app column, or with no row of that app, is a usage error naming --app", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "flat.csv"), "date,value\n2026-11-01,1\n2026-11-02,2\n");
    writeFileSync(join(dir, "d.ndjson"), readFileSync(join(SAMPLE_DIR, "deploys.ndjson")));
    const flat = await run(["changes", "--metric", "flat.csv", "--deploys", "d.ndjson", "--app", "web"], { cwd: dir });
    expect(flat.code).toBe(2);
    expect(flat.stderr).toMatch(/^faultline changes: --app web: flat.csv has no app column/);
    const typo = await run(["changes", "--metric", "metric.csv", "--deploys", "deploys.ndjson", "--app", "chekout"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/--app chekout: no row of metric.csv has app chekout \(its apps: checkout\)/);
    for (const r of [flat, typo]) expect(r.stderr).not.toMatch(/options\./);
  });
});

describe("faultline deploys reads the collector's query API", () => {
  // A real collector (the one `faultline serve` runs) on an in-memory store: one signed GitHub webhook in, then the
  // answers of GET /api/deployments exactly as `curl -s` would print them.
  async function collectorAnswers(): Promise<{ items: string; off: string; unauthorized: string }> {
    const payload = Buffer.from(readFileSync(join(WEBHOOKS, "deployment_status.payload.json")));
    const sign = (body: Uint8Array) => `sha256=${createHmac("sha256", "gh").update(body).digest("hex")}`;
    const get = (headers: Record<string, string> = {}) => ({
      method: "GET",
      url: "/api/deployments",
      headers,
      rawBody: new Uint8Array(),
    });
    const store = await createSqliteStore({ filename: ":memory:" });
    try {
      const on = createCollector({ store, auth: { github: { secret: "gh" }, query: { token: "qt" } } });
      const posted = await on.handle({
        method: "POST",
        url: "/webhooks/github",
        headers: {
          "content-type": "application/json",
          "x-github-event": "deployment_status",
          "x-github-delivery": "d-1",
          "x-hub-signature-256": sign(payload),
        },
        rawBody: payload,
      });
      expect(posted.status).toBeLessThan(300);
      const items = (await on.handle(get({ authorization: "Bearer qt" }))).body;
      const unauthorized = (await on.handle(get())).body;
      const off = (await createCollector({ store, auth: { github: { secret: "gh" } } }).handle(get())).body;
      return { items, off, unauthorized };
    } finally {
      await store.close();
    }
  }

  it("accepts the {ok, items} answer (the documented curl | faultline deploys - pipeline) and names a refused query", async () => {
    const { items, off, unauthorized } = await collectorAnswers();
    expect(JSON.parse(items)).toMatchObject({ ok: true, items: [{ type: "deployment" }] });
    const r = await run(["deploys", "-", "--format", "json"], { stdin: items });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const model = JSON.parse(r.stdout) as { deployFrequency: { total: number; from: string } };
    expect(model.deployFrequency).toMatchObject({ total: 1, from: "2019-05-15" });
    // An item that is no event is rejected by its place in the answer; the others still count.
    const mixed = JSON.stringify({ ...JSON.parse(items), items: [...JSON.parse(items).items, { nope: 1 }] });
    const bad = await run(["deploys", "-", "--format", "json"], { stdin: mixed });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/record 0 \(line 1\) items\[1\]: not a Faultline event/);
    // The query API switched off, or no token: the collector's own message, and how to fix it.
    for (const [answer, why] of [
      [off, /collector answered an error \(not_found\): no query route .*FAULTLINE_QUERY_TOKEN/],
      [unauthorized, /collector answered an error \(unauthorized\): .*authorization: Bearer/],
    ] as const) {
      const refused = await run(["deploys", "-"], { stdin: answer });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(why);
    }
  });
});

describe("faultline demo", () => {
  it("runs every story on the bundled sample and writes report.html", async () => {
    const dir = tmp();
    const r = await run(["demo", "-q"], { cwd: dir });
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html).toMatch(/Error groups/);
    expect(html).toMatch(/one-page checkout/);
    expect(r.stdout).toMatch(/Before and after/);
    expect(r.stdout).toMatch(/Grouping quality against the sample's true causes: ARI [01]\.\d{3}/);
  });
});

describe("faultline serve configuration", () => {
  it('resolves "env:NAME" secrets and names a missing variable by its config path', () => {
    expect(resolveEnvReferences({ auth: { github: { secret: "env:GH" } } }, { GH: "s3cret" })).toEqual({
      auth: { github: { secret: "s3cret" } },
    });
    expect(() => resolveEnvReferences({ auth: { github: { secret: "env:GH" } } }, {})).toThrow(
      /auth\.github\.secret: environment variable GH is not set/,
    );
  });

  it("builds a SQLite configuration from FAULTLINE_* variables", () => {
    expect(configFromEnvironment({ FAULTLINE_GITHUB_SECRET: "x", FAULTLINE_DB: "/tmp/f.db" })).toEqual({
      store: { kind: "sqlite", filename: "/tmp/f.db" },
      auth: { github: { secret: "x" } },
    });
  });

  it("an invalid config file is an input error naming the field", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "c.json"), JSON.stringify({ store: { kind: "sqlite" }, auth: {} }));
    const r = await run(["serve", "--config", "c.json"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/store\.filename/);
  });
});
