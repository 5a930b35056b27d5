import { describe, expect, it } from "vitest";
import { defaultMaskingRules, defineMaskingRule, type MaskingRule, mask } from "../src/index";

const m = (text: string, rules?: readonly MaskingRule[]) =>
  mask(text, rules === undefined ? undefined : { rules }).text;

describe("default masking rules", () => {
  it.each([
    // rule, input, masked text, masked values
    ["url", "see https://example.com/a?b=1.", "see <URL>.", ["https://example.com/a?b=1"]],
    ["url", "remote git@github.com:acme/api.git", "remote <URL>", ["git@github.com:acme/api.git"]],
    ["email", "mail jane.doe+ci@example.co.uk now", "mail <EMAIL> now", ["jane.doe+ci@example.co.uk"]],
    ["image", "pull ghcr.io/acme/api:1.2.3 failed", "pull <IMAGE> failed", ["ghcr.io/acme/api:1.2.3"]],
    ["image", "localhost:5000/app:dev", "<IMAGE>", ["localhost:5000/app:dev"]],
    ["image", `app@sha256:${"ab".repeat(32)}`, "<IMAGE>", [`app@sha256:${"ab".repeat(32)}`]],
    ["digest", `layer sha256:${"0f".repeat(32)} missing`, "layer <DIGEST> missing", [`sha256:${"0f".repeat(32)}`]],
    [
      "uuid",
      "req-38101a0b-2096-447d-96ea-a692162415ae done",
      "req-<UUID> done",
      ["38101a0b-2096-447d-96ea-a692162415ae"],
    ],
    [
      "uuid",
      "d5ab51f0-94d3-4671-8dc6-77fc228f2e35-6-1627037439",
      "<UUID>",
      ["d5ab51f0-94d3-4671-8dc6-77fc228f2e35-6-1627037439"],
    ],
    ["timestamp", "at 2021-07-23T10:30:00.123+02:00:", "at <TIMESTAMP>:", ["2021-07-23T10:30:00.123+02:00"]],
    ["date", "on 2005.06.03 and 23/07/2021", "on <DATE> and <DATE>", ["2005.06.03", "23/07/2021"]],
    ["time", "at 15:42:50.675872", "at <TIME>", ["15:42:50.675872"]],
    [
      "ipv6",
      "from fe80::1%eth0 and [2001:db8::8a2e:370:7334]:443",
      "from <IP> and [<IP>]:<NUM>",
      ["fe80::1%eth0", "2001:db8::8a2e:370:7334", "443"],
    ],
    ["ipv6", "mapped ::ffff:10.0.0.1.", "mapped <IP>.", ["::ffff:10.0.0.1"]],
    [
      "ipv4",
      "dial 10.2.1.5:8080: refused, net 10.0.0.0/16.",
      "dial <IP>: refused, net <IP>.",
      ["10.2.1.5:8080", "10.0.0.0/16"],
    ],
    [
      "hostname",
      "lookup db.prod.svc.cluster.local:5432 and www.google.com",
      "lookup <HOST> and <HOST>",
      ["db.prod.svc.cluster.local:5432", "www.google.com"],
    ],
    ["mac", "hw 00:1a:2B:3c:4d:5e", "hw <MAC>", ["00:1a:2B:3c:4d:5e"]],
    [
      "pod",
      "pod/api-7d4f8b9c6-x2x7k and migrate-x2x7k",
      "pod/<POD> and <POD>",
      ["api-7d4f8b9c6-x2x7k", "migrate-x2x7k"],
    ],
    ["path", "stat /app/dist/server.js: no such file", "stat <PATH>: no such file", ["/app/dist/server.js"]],
    ["path", "open C:\\Users\\ci\\build.log", "open <PATH>", ["C:\\Users\\ci\\build.log"]],
    [
      "version",
      "node v18.17.0 needs 2.0.0-rc.1+build.5",
      "node <VERSION> needs <VERSION>",
      ["v18.17.0", "2.0.0-rc.1+build.5"],
    ],
    ["duration", "after 5m30s and 500ms", "after <DURATION> and <DURATION>", ["5m30s", "500ms"]],
    ["hex", "fault at 0x7f3a2b", "fault at <HEX>", ["0x7f3a2b"]],
    [
      "hash",
      "commit 3f2a9c1 and 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b",
      "commit <HASH> and <HASH>",
      ["3f2a9c1", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b"],
    ],
    [
      "id",
      "app ze9e19029 and cjld2cjxh0000qzrmn831i7rn",
      "app <ID> and <ID>",
      ["ze9e19029", "cjld2cjxh0000qzrmn831i7rn"],
    ],
    [
      "number",
      "exit 137, limit 512Mi, -7, 0.25, blk_-1608",
      "exit <NUM>, limit <NUM>Mi, <NUM>, <NUM>, blk_<NUM>",
      ["137", "512", "-7", "0.25", "-1608"],
    ],
  ] as const)("%s: %j", (name, input, text, values) => {
    const result = mask(input);
    expect(result.text).toBe(text);
    expect(result.params.map((p) => p.value)).toEqual(values);
    expect(result.params.some((p) => p.name === name)).toBe(true);
  });

  it("masks words that still hold a digit whole, as the last resort", () => {
    const result = mask("sha256 ipv6 x86_64 J12-U11 us-central1 k8s-eu-west-3-q4zl.");
    expect(result.text).toBe("<VAR> <VAR> <VAR> <VAR> <VAR> <VAR>.");
    expect(result.params.map((p) => p.name)).toEqual(Array(6).fill("digit-word"));
    expect(result.params.map((p) => p.value)).toEqual([
      "sha256",
      "ipv6",
      "x86_64",
      "J12-U11",
      "us-central1",
      "k8s-eu-west-3-q4zl",
    ]);
  });

  it.each([
    // dotted names, paths and words without digits that carry the cause keep their text
    "org.apache.spark.executor NameSystem.addStoredBlock package.json app.min.js README.md",
    "app.kubernetes.io/name and/or TCP/IP",
    "CrashLoopBackOff ImagePullBackOff OOMKilled ErrImagePull",
    "nginx-ingress-controller cert-manager-webhook kube-proxy redis-master",
  ])("leaves %j alone", (input) => {
    expect(mask(input).params.filter((p) => p.name !== "number")).toEqual([]);
  });

  it("runs the rules in the documented order: an IP inside a URL is part of the URL", () => {
    expect(mask("Get http://10.0.0.1:80/healthz").params).toEqual([
      { name: "url", mask: "<URL>", value: "http://10.0.0.1:80/healthz" },
    ]);
  });

  it("lists every default rule once, by unique name, with a <MASK> placeholder", () => {
    const names = defaultMaskingRules.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual([
      "url",
      "email",
      "image",
      "digest",
      "uuid",
      "timestamp",
      "date",
      "time",
      "ipv6",
      "ipv4",
      "hostname",
      "mac",
      "pod",
      "path",
      "version",
      "duration",
      "hex",
      "hash",
      "id",
      "number",
      "digit-word",
    ]);
    for (const r of defaultMaskingRules) expect(r.mask).toMatch(/^<[A-Z]+>$/);
    expect(defaultMaskingRules).toHaveLength(21);
  });

  it("keeps whitespace exactly as it was", () => {
    expect(m("a\t 1\n\n b  10.0.0.1 ")).toBe("a\t <NUM>\n\n b  <IP> ");
  });

  it("returns the input string itself when nothing is masked", () => {
    const text = "connection refused";
    expect(mask(text).text).toBe(text);
    expect(mask(text).params).toEqual([]);
  });
});

describe("custom rules", () => {
  const ticket = defineMaskingRule({ name: "ticket", pattern: /\bJIRA-\d+\b/, mask: "<TICKET>", triggers: "-" });

  it("apply before the defaults when listed first, and adds the g flag itself", () => {
    expect(mask("blocked by JIRA-123 and JIRA-9", { rules: [ticket, ...defaultMaskingRules] })).toEqual({
      text: "blocked by <TICKET> and <TICKET>",
      params: [
        { name: "ticket", mask: "<TICKET>", value: "JIRA-123" },
        { name: "ticket", mask: "<TICKET>", value: "JIRA-9" },
      ],
    });
  });

  it("run on every token when they have no triggers, and skip tokens that miss a trigger group", () => {
    const anyWord = defineMaskingRule({ name: "secret", pattern: /secret/g, mask: "<S>" });
    expect(m("a secret here", [anyWord])).toBe("a <S> here");
    const needsColonAndDigit = defineMaskingRule({
      name: "x",
      pattern: /x/g,
      mask: "<X>",
      triggers: [":", "0123456789"],
    });
    expect(m("x x: x1 x:1", [needsColonAndDigit])).toBe("x x: x1 <X>:1");
  });

  it("give a later match that swallows a placeholder the original text back", () => {
    const num = defineMaskingRule({ name: "n", pattern: /\d+/g, mask: "<N>" });
    const pair = defineMaskingRule({ name: "pair", pattern: /<N>-<N>/g, mask: "<PAIR>" });
    expect(mask("range 10-20 ok", { rules: [num, pair] })).toEqual({
      text: "range <PAIR> ok",
      params: [{ name: "pair", mask: "<PAIR>", value: "10-20" }],
    });
  });

  it("never loop on a pattern that can match the empty string", () => {
    const empty = defineMaskingRule({ name: "empty", pattern: /x*/g, mask: "<E>" });
    expect(m("ab xx", [empty])).toBe("ab <E>");
  });

  it("leave the caller's RegExp untouched", () => {
    const re = /\d/g;
    re.lastIndex = 3;
    mask("1 2 3", { rules: [{ name: "d", pattern: re, mask: "<D>" }] });
    expect(re.lastIndex).toBe(3);
  });
});

describe("mask argument errors", () => {
  it.each([
    [() => mask(42 as never), /\[@faultline\/normalize\] text must be a string \(got number 42\)/],
    [() => mask("x", [] as never), /options must be an options object/],
    [() => mask("x", { rules: "url" as never }), /options\.rules must be an array/],
    [
      () => mask("x", { rules: [{ name: "a", pattern: "x", mask: "<A>" } as never] }),
      /options\.rules\[0\]\.pattern must be a RegExp/,
    ],
    [() => mask("x", { rules: [null as never] }), /options\.rules\[0\] must be a masking rule object/],
    [() => defineMaskingRule({ name: 1, pattern: /x/, mask: "<X>" } as never), /rule\.name must be a string/],
    [
      () => defineMaskingRule({ name: "a", pattern: /x/, mask: "<X>", triggers: [1] } as never),
      /rule\.triggers\[0\] must be a string/,
    ],
  ])("%#: throws a TypeError naming the argument", (call, message) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(message);
  });
});
