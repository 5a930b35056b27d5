import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { flatten, mask, normalizeMessage, WILDCARD } from "../src/index";
import { GOLDEN_INPUTS } from "./fixtures/golden-messages";

const hex = (n: number) => fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: n, maxLength: n });
const uuid = fc
  .tuple(hex(8), hex(4), hex(4), hex(4), hex(12))
  .map((p) => p.join("-"))
  .filter((u) => /\d/.test(u)); // a UUID of hex letters only does not occur in practice (p ≈ 1e-14)
const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((p) => p.join("."));
const ipv4Port = fc.tuple(ipv4, fc.integer({ min: 1, max: 65535 })).map(([ip, port]) => `${ip}:${port}`);
const ipv6 = fc.ipV6().filter((ip) => /\d/.test(ip)); // the rule requires a digit: `::` alone or all-letter groups stay
const label = fc.string({
  unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789"),
  minLength: 1,
  maxLength: 10,
});
const email = fc
  .tuple(label, label, fc.constantFrom("com", "org", "io", "dev", "fr"))
  .map(([user, host, tld]) => `${user}@${host}.${tld}`);
const word = fc.constantFrom("error", "failed", "pod", "connect", "timeout", "refused", "image", "quota", "the", "on");
const separator = fc.constantFrom(" ", ", ", "\n", " (", ") ", ": ", " '", "' ", '"', " [", "] ", "\t", "=");

type Part = { kind: "secret" | "word"; text: string };
const secret = fc.oneof(uuid, ipv4, ipv4Port, ipv6, email).map((text): Part => ({ kind: "secret", text }));
const message = fc
  .array(
    fc.tuple(
      fc.oneof(
        secret,
        word.map((text): Part => ({ kind: "word", text })),
      ),
      separator,
    ),
    { maxLength: 12 },
  )
  .map((parts) => ({
    text: parts.map(([p, s]) => p.text + s).join(""),
    secrets: parts
      .map(([p]) => p)
      .filter((p) => p.kind === "secret")
      .map((p) => p.text),
  }));

describe("masking properties", () => {
  test.prop([message])("no UUID, IP or email survives masking, and each comes back as a param", ({ text, secrets }) => {
    const masked = mask(text);
    for (const s of secrets) {
      expect(masked.text).not.toContain(s);
      expect(masked.params.some((p) => p.value === s || p.value.includes(s))).toBe(true);
    }
  });

  test.prop([message])("params put back in order rebuild the original token text", ({ text }) => {
    const masked = mask(text);
    let i = 0;
    const rebuilt = masked.text.replace(/<[A-Z]+>/g, (m) => {
      const p = masked.params[i++];
      return p !== undefined && p.mask === m ? p.value : m;
    });
    expect(i).toBe(masked.params.length);
    expect(rebuilt).toBe(text);
  });
});

const anyText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 120 }),
  fc.string({ unit: "binary", maxLength: 120 }),
  fc.string({ unit: fc.constantFrom(..."0123456789abcdef.:-/@_ <>xXzZ()[]'\"\n"), maxLength: 200 }),
  message.map((m) => m.text),
  fc.constantFrom(...GOLDEN_INPUTS.map((c) => c.message)),
);

describe("normalizeMessage properties", () => {
  test.prop([anyText])("never throws on arbitrary strings", (text) => {
    const n = normalizeMessage(text);
    expect(typeof n.templateKey).toBe("string");
    expect(n.templateKey).toBe(n.text.replace(/<[A-Z][A-Z0-9_]{0,31}>/g, WILDCARD).toLowerCase());
  });

  test.prop([anyText])("normalising twice equals normalising once", (text) => {
    const once = normalizeMessage(text);
    const twice = normalizeMessage(once.text);
    expect(twice.text).toBe(once.text);
    expect(twice.templateKey).toBe(once.templateKey);
    expect(twice.tokens).toEqual(once.tokens);
  });
});

const event = fc.record({
  message: fc.string({ maxLength: 20 }),
  scope: fc.constantFrom("ENVIRONMENT", "APPLICATION"),
});
const record = fc.oneof(
  fc.record({ id: fc.string(), events: fc.array(fc.oneof(event, fc.anything()), { maxLength: 4 }) }),
  fc.record({ events: fc.array(event, { maxLength: 3 }).map((e) => JSON.stringify(e)) }),
  fc.anything(),
);

describe("flatten properties", () => {
  test.prop([fc.array(record, { maxLength: 20 })])(
    "every input record is in the output or in rejected, and every event is accounted for",
    (records) => {
      const { events, rejected } = flatten(records);
      records.forEach((_, r) => {
        const seen = events.some((e) => e.record === r) || rejected.some((x) => x.record === r);
        expect(seen).toBe(true);
      });
      // A record accepted whole contributes one entry (event or rejection) per batch element.
      for (const r of new Set(events.map((e) => e.record))) {
        const parts = events.filter((e) => e.record === r).length + rejected.filter((x) => x.record === r).length;
        const rec = records[r] as { events: unknown };
        const batch = typeof rec.events === "string" ? JSON.parse(rec.events) : rec.events;
        expect(parts).toBe((batch as unknown[]).length);
      }
    },
  );
});
