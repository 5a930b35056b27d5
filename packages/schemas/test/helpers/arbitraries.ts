// fast-check arbitraries for valid events, including unknown extra fields (which schemas must preserve).
import { fc } from "@fast-check/vitest";
import * as z from "zod";
import { EnvironmentKind, type FaultlineEvent, Provider } from "../../src/index";

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** ISO 8601 timestamps with Z or an offset, with and without fractional seconds. */
export const timestamp: fc.Arbitrary<string> = fc
  .tuple(
    fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true }),
    fc.constantFrom("Z", "+02:00", "-05:30", "+00:00"),
    fc.option(fc.integer({ min: 0, max: 999_999 }), { nil: undefined }),
  )
  .map(([d, zone, frac]) => {
    const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    return `${base}${frac === undefined ? "" : `.${pad(frac, 6)}`}${zone}`;
  });

const urlSchema = z.url();
/** URLs our schemas accept: ordinary web URLs and a few odd ones (spaces, bad escapes) that are not RFC 3986. */
export const url: fc.Arbitrary<string> = fc
  .oneof(
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc.constantFrom("https://example.com/a b", "https://example.com/%zz", "mailto:ops@example.com", "https://ex.com/ü"),
  )
  .filter((u) => urlSchema.safeParse(u).success);

/** Non-empty strings, ASCII and full Unicode. */
export const name: fc.Arbitrary<string> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 24 }),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }),
  fc.constantFrom("production", "staging", "pr-42", "review/fix-login", "eu-prod", "acme/shop"),
);

/** Event sources: URLs, relative paths, and arbitrary text (which CDEvents output must still encode validly). */
export const source: fc.Arbitrary<string> = fc.oneof(
  url,
  name,
  fc.constantFrom(
    "//x:y",
    "a:b/c",
    "1a:b",
    "https://github.com/acme/shop",
    "/event/source/123",
    "//cloudbuild.googleapis.com/projects/p",
    "%41",
    "a#b#c",
    "[::1]",
  ),
);

const json: fc.Arbitrary<unknown> = fc.json({ maxDepth: 2 }).map((s) => JSON.parse(s));
/** Unknown extra fields (prefixed so they never collide with a schema field). */
export const extras: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  fc.string({ maxLength: 8 }).map((k) => `x_${k}`),
  json,
  { maxKeys: 3 },
);

const environment = fc.record(
  { name, kind: fc.constantFrom(...EnvironmentKind.options), id: name, url },
  { requiredKeys: ["name", "kind"] },
);
const pr = fc.integer({ min: 1, max: 1_000_000 });
const base = { id: name, source, provider: fc.constantFrom(...Provider.options), timestamp, rawRef: name };
const baseKeys = ["type", "id", "source", "provider", "timestamp"] as const;

const deployment = fc.record(
  {
    type: fc.constant("deployment" as const),
    ...base,
    kind: fc.constantFrom("started", "finished", "deployed", "rolled_back"),
    outcome: fc.constantFrom("success", "failure", "cancelled", "error"),
    service: name,
    environment,
    repository: name,
    branch: name,
    commitSha: fc.oneof(fc.stringMatching(/^[0-9a-f]{40}$/), name),
    commitMessage: fc.string({ maxLength: 30 }),
    author: name,
    pullRequest: pr,
    startedAt: timestamp,
    finishedAt: timestamp,
    url,
    pipeline: name,
    providerStatus: name,
    artifactId: name,
    errorMessage: name,
  },
  { requiredKeys: [...baseKeys, "kind"] },
);

const environmentEvent = fc.record(
  {
    type: fc.constant("environment" as const),
    ...base,
    action: fc.constantFrom("created", "modified", "deleted"),
    environment,
    preview: fc.boolean(),
    pullRequest: pr,
    repository: name,
    service: name,
    url,
  },
  { requiredKeys: [...baseKeys, "action", "environment", "preview"] },
);

const change = fc.record(
  {
    type: fc.constant("change" as const),
    ...base,
    action: fc.constantFrom("opened", "merged", "closed"),
    repository: name,
    pullRequest: pr,
    title: fc.string({ maxLength: 30 }),
    author: name,
    branch: name,
    baseBranch: name,
    commitSha: name,
    url,
  },
  { requiredKeys: [...baseKeys, "action", "repository", "pullRequest"] },
);

/** Any valid {@link FaultlineEvent}, with unknown extra fields. */
export const faultlineEvent: fc.Arbitrary<FaultlineEvent> = fc
  .tuple(fc.oneof(deployment, environmentEvent, change), extras)
  .map(([event, extra]) => ({ ...extra, ...event }) as FaultlineEvent);
