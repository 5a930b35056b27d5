import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  adjustedRandIndex,
  analyzeErrorStream,
  analyzeErrors,
  causeLines,
  compareErrorRuns,
  diffErrorGroups,
} from "../src/index";

// Four causes as a deployment engine reports them: ids, ports, pods and hashes vary; the cause does not.
const hex = (i: number, n: number) => ((i + 1) * 2654435761).toString(16).padStart(n, "0").slice(0, n);
const CAUSES = {
  oom: (i: number) =>
    `Container api-${hex(i, 5)} in pod api-${hex(i, 9)}-${hex(i + 7, 5)} was OOMKilled (exit code 137): memory limit of ${256 * ((i % 4) + 1)}Mi exceeded`,
  probe: (i: number) =>
    `Liveness probe failed: Get "http://10.0.${i % 250}.${(i * 7) % 250}:${[3000, 8080, 5000][i % 3]}/healthz": dial tcp 10.0.${i % 250}.${(i * 7) % 250}:${[3000, 8080, 5000][i % 3]}: connect: connection refused`,
  build: (i: number) =>
    [
      "===> DETECTING",
      `heroku/nodejs ${i % 3}.${i % 7}.${i % 5}`,
      "===> BUILDING",
      `npm ERR! missing script: "build" in /workspace/app-${hex(i, 6)}`,
      `ERROR: failed to build: exit status ${1 + (i % 2)}`,
    ].join("\n"),
  quota: (i: number) =>
    `error while creating cloud resources on cluster prod-${hex(i, 4)}: cloud provider quota exceeded: vCPU limit of ${8 * ((i % 3) + 1)} reached`,
} as const;
type Cause = keyof typeof CAUSES;

function rows(plan: readonly Cause[]): { rows: unknown[]; truth: Cause[] } {
  const out: unknown[] = [];
  const truth: Cause[] = [];
  for (let i = 0; i < plan.length; i += 3) {
    const batch = plan.slice(i, i + 3).map((cause, j) => {
      truth.push(cause);
      return {
        scope: cause === "quota" ? "ENVIRONMENT" : "APPLICATION",
        state: "DEPLOYMENT_ERROR",
        message: CAUSES[cause](i + j),
        timestamp: new Date(Date.UTC(2026, 10, 1 + ((i + j) % 20), 12)).toISOString(),
      };
    });
    out.push({ id: `row-${i}`, events: batch });
  }
  return { rows: out, truth };
}

const PLAN: Cause[] = Array.from(
  { length: 120 },
  (_, i) => (["oom", "probe", "build", "quota"] as const)[(i * 7) % 4]!,
);

describe("analyzeErrors", () => {
  it("recovers the causes of batched rows exactly, biggest group first", async () => {
    const { rows: input, truth } = rows(PLAN);
    const a = await analyzeErrors(input);
    expect(a.total).toBe(120);
    expect(a.assignments).toHaveLength(120);
    expect(a.rejected).toEqual([]);
    expect(a.groups).toHaveLength(4);
    expect(adjustedRandIndex(truth, Array.from(a.assignments))).toBe(1);
    expect(a.groups.map((g) => g.sharePercent)).toEqual([25, 25, 25, 25]);
    const build = a.groups[a.assignments[truth.indexOf("build")]!]!;
    // Only the failing lines of the build log are clustered and shown.
    expect(build.representative).not.toContain("DETECTING");
    expect(build.representative).toContain("npm ERR! missing script");
    expect(a.distinctCauses).toBeLessThan(120);
  });

  it("accepts flat events, plain strings and batches in one input, and rejects bad records with their reason", async () => {
    const good = CAUSES.oom(1);
    const input: unknown[] = [
      { events: [{ message: good }, { message: 42 }] },
      good,
      { message: CAUSES.oom(2), scope: "APPLICATION" },
      { events: [] },
      7,
      { events: [{ message: CAUSES.oom(3), timestamp: "not a date" }] },
    ];
    const a = await analyzeErrors(input);
    expect(a.total).toBe(3);
    expect(a.rejected.map((r) => [r.record, r.index])).toEqual([
      [0, 1],
      [3, undefined],
      [4, undefined],
      [5, 0],
    ]);
    expect(a.rejected[0]!.reason).toMatch(/^record 0: events\[1\]\.message/);
    expect(a.rejected[1]!.reason).toMatch(/^record 3: .*empty/);
    expect(a.rejected[3]!.reason).toMatch(/^record 5: events\[0\]\.timestamp is not a date-time/);
  });

  it("reads a stream with a broken line in the middle: good lines analysed, the bad one rejected with its line", async () => {
    const { rows: input } = rows(PLAN.slice(0, 30));
    const lines = input.map((r) => JSON.stringify(r));
    lines.splice(4, 0, '{"events": [ {"message": "truncated');
    const a = await analyzeErrorStream([`${lines.join("\n")}\n`]);
    expect(a.total).toBe(30);
    expect(a.rejected).toHaveLength(1);
    expect(a.rejected[0]).toMatchObject({ record: 4, line: 5 });
    expect(a.rejected[0]!.reason).toMatch(/line 5/);
  });

  it("reads plain text, one message per line", async () => {
    const text = PLAN.slice(0, 40)
      .map((c, i) => (c === "build" ? CAUSES.quota(i) : CAUSES[c](i)))
      .join("\n");
    const a = await analyzeErrorStream([text], { format: "lines" });
    expect(a.total).toBe(40);
    expect(a.groups.length).toBeGreaterThanOrEqual(3);
  });

  it("reads logs whose text and time fields have other names (fields option)", async () => {
    // Google Cloud Logging entries: the text under jsonPayload.message, the time under receiveTimestamp.
    const entries = PLAN.slice(0, 30).map((c, i) => ({
      insertId: `x${i}`,
      jsonPayload: { message: c === "build" ? CAUSES.quota(i) : CAUSES[c](i) },
      receiveTimestamp: `2026-11-${String(1 + (i % 20)).padStart(2, "0")}T08:00:00Z`,
    }));
    const broken = { insertId: "y", jsonPayload: { text: "no message here" } };
    const a = await analyzeErrors([...entries, broken], {
      fields: { message: "jsonPayload.message", timestamp: "receiveTimestamp" },
    });
    expect(a.total).toBe(30);
    expect(a.rejected).toEqual([{ record: 30, reason: expect.stringMatching(/^record 30: .*jsonPayload\.message/) }]);
    // The same analysis as with the fields where analyzeErrors looks by default.
    const plain = await analyzeErrors(
      entries.map((e) => ({ message: e.jsonPayload.message, timestamp: e.receiveTimestamp })),
    );
    expect([...a.assignments]).toEqual([...plain.assignments]);
    expect(a.groups.map((g) => [g.count, g.firstSeen])).toEqual(plain.groups.map((g) => [g.count, g.firstSeen]));
    // Inside batches too, and a missing field is named as the user named it.
    const batched = await analyzeErrors([{ events: [{ msg: "disk full" }, { text: "x" }] }], {
      fields: { message: "msg" },
    });
    expect(batched.total).toBe(1);
    expect(batched.rejected[0]!.reason).toMatch(/^record 0: events\[1\]\.msg: /);
  });

  it("names the text fields of a record that is neither an event nor a batch", async () => {
    const a = await analyzeErrors([{ msg: "disk full", level: "error", pid: 7 }]);
    expect(a.rejected).toHaveLength(1);
    expect(a.rejected[0]!.reason).toBe(
      "record 0: no `message` (the text of one error event) and no `events` (a batch of them); its text fields are msg, level: name the one that holds the message in fields.message",
    );
    await expect(analyzeErrors([], { fields: { message: "" } })).rejects.toThrow(/options\.fields\.message/);
    await expect(analyzeErrors([], { fields: { timestamp: "a..b" } })).rejects.toThrow(/options\.fields\.timestamp/);
  });

  it("embeds with Doc2Vec when asked", async () => {
    const { rows: input } = rows(PLAN.slice(0, 60));
    const a = await analyzeErrors(input, { embedding: "doc2vec", doc2vec: { epochs: 20, workers: 1 } });
    expect(a.total).toBe(60);
    expect(a.assignments.every((g) => g >= -1 && g < a.groups.length)).toBe(true);
  });

  it("names the option in errors", async () => {
    await expect(analyzeErrors([], { eps: 0 })).rejects.toThrow(/options\.eps/);
    await expect(analyzeErrors([], { longEps: 3 })).rejects.toThrow(/options\.longEps/);
    await expect(analyzeErrors([], { longTokens: 0 })).rejects.toThrow(/options\.longTokens/);
    await expect(analyzeErrors([], { embedding: "bert" as "tfidf" })).rejects.toThrow(/options\.embedding/);
    await expect(analyzeErrors(42 as unknown as unknown[])).rejects.toThrow(/records must be an iterable/);
  });

  test.prop([
    fc.array(fc.oneof(fc.constantFrom<Cause>("oom", "probe", "build", "quota"), fc.constant(null)), { maxLength: 60 }),
  ])("every event is assigned or rejected, never dropped; assignments index groups", async (plan) => {
    // null stands for a malformed event (numeric message) inside the same batches.
    const input = [];
    let valid = 0;
    let invalid = 0;
    for (let i = 0; i < plan.length; i += 4) {
      input.push({
        events: plan.slice(i, i + 4).map((c, j) => {
          if (c === null) {
            invalid++;
            return { message: i + j };
          }
          valid++;
          return { message: CAUSES[c](i + j) };
        }),
      });
    }
    const a = await analyzeErrors(input);
    expect(a.assignments).toHaveLength(valid);
    expect(a.rejected).toHaveLength(invalid);
    const sizes = new Map<number, number>();
    for (const g of a.assignments) sizes.set(g, (sizes.get(g) ?? 0) + 1);
    for (const [g, n] of sizes) {
      if (g === -1) expect(n).toBe(a.noise.count);
      else expect(n).toBe(a.groups[g]!.count);
    }
  });
});

describe("causeLines", () => {
  it("keeps the lines that report a failure", () => {
    expect(
      causeLines("===> BUILDING\nnpm ERR! missing script: build\n\nERROR: failed to build: exit status 1"),
    ).toEqual(["npm ERR! missing script: build", "ERROR: failed to build: exit status 1"]);
  });

  it("keeps every line of a message that names no failure, whitespace collapsed, repeats dropped", () => {
    expect(causeLines("deploying   api\n\nrollout done\ndeploying   api")).toEqual(["deploying api", "rollout done"]);
  });

  it("recognises engine spellings", () => {
    for (const line of [
      "pod x OOMKilled",
      "Back-off restarting",
      "ImagePullBackOff",
      "npm ERR! code 1",
      "panicked at 'x'",
    ]) {
      expect(causeLines(`noise\n${line}`)).toEqual([line]);
    }
  });
});

describe("compareErrorRuns", () => {
  it("clusters both runs together: a cause keeps its identity, so the diff says grew or shrank, never gone + new", async () => {
    const october = rows(PLAN).rows; // 25 % each
    const novemberPlan: Cause[] = [
      ...Array.from({ length: 10 }, () => "oom" as const),
      ...Array.from({ length: 40 }, () => "probe" as const),
      ...Array.from({ length: 30 }, () => "build" as const),
    ];
    const november = rows(novemberPlan).rows;
    november.push({ events: [{ message: 7 }] });
    const { before, after, diff } = await compareErrorRuns(october, november);
    expect(before.total).toBe(120);
    expect(after.total).toBe(80);
    expect(after.rejected.map((r) => r.record)).toEqual([november.length - 1]); // counted within its own run
    const byStatus = Object.fromEntries(diff.changes.map((c) => [c.template.split(" ")[0], c.status]));
    // oom 25 % → 12.5 %, probe 25 % → 50 %, build 25 % → 37.5 %, quota 25 % → gone.
    expect(diff.changes.map((c) => c.status).sort()).toEqual(["gone", "grew", "grew", "shrank"]);
    expect(byStatus.error).toBe("gone"); // the quota errors were fixed
    const oom = diff.changes.find((c) => c.template.startsWith("container"));
    expect(oom).toMatchObject({ status: "shrank", before: { sharePercent: 25 }, after: { sharePercent: 12.5 } });
  });

  it("diffErrorGroups({ match: 'labels' }) pairs groups by shared cluster labels", () => {
    const g = (labels: number[], template: string, sharePercent: number) =>
      ({ labels, template, sharePercent, rank: 1, count: 1, representative: template }) as never;
    const result = (groups: never[]) =>
      ({ total: 1, groups, noise: { count: 0, sharePercent: 0 } }) as unknown as Parameters<typeof diffErrorGroups>[0];
    const diff = diffErrorGroups(result([g([0], "aaa", 50), g([1], "bbb", 50)]), result([g([1], "zzz", 100)]), {
      match: "labels",
    });
    expect(diff.changes.map((c) => [c.status, c.template])).toEqual([
      ["grew", "zzz"],
      ["gone", "aaa"],
    ]);
    expect(() => diffErrorGroups(result([]), result([]), { match: "name" as "labels" })).toThrow(/options\.match/);
  });
});
