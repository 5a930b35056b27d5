import type { ChangeEvent, DeploymentEvent, EnvironmentEvent, FaultlineEvent, Provider } from "@faultline/schemas";
import { createRandom, type Random } from "./random";

/** A service of the sample company, the repository it lives in and the CI/CD system that deploys it. */
export interface SampleService {
  name: string;
  repository: string;
  provider: Provider;
  source: string;
}

export const SAMPLE_SERVICES: readonly SampleService[] = [
  { name: "checkout", repository: "acme/checkout", provider: "github", source: "https://github.com/acme/checkout" },
  { name: "web", repository: "acme/web", provider: "github", source: "https://github.com/acme/web" },
  { name: "api", repository: "acme/api", provider: "github", source: "https://github.com/acme/api" },
  { name: "billing", repository: "acme/billing", provider: "gitlab", source: "https://gitlab.com/acme/billing" },
  { name: "auth", repository: "acme/auth", provider: "gitlab", source: "https://gitlab.com/acme/auth" },
  { name: "search", repository: "acme/search", provider: "circleci", source: "https://circleci.com/gh/acme/search" },
  {
    name: "notifications",
    repository: "acme/notifications",
    provider: "cloudbuild",
    source: "//cloudbuild.googleapis.com/projects/acme-prod/builds",
  },
  { name: "admin", repository: "acme/admin", provider: "azure-devops", source: "https://dev.azure.com/acme/admin" },
];

export const SAMPLE_DEVELOPERS: readonly string[] = [
  "amira",
  "bastien",
  "chen",
  "dana",
  "eitan",
  "fatou",
  "gustavo",
  "hana",
  "ines",
  "jonas",
  "kofi",
  "lea",
  "mateo",
  "noor",
  "oskar",
];

/** The deploy that the sample's product metric reacts to (the "suspect" the change-point story must find). */
export const CULPRIT = {
  service: "checkout",
  author: "hana",
  commitMessage: "feat(checkout): one-page checkout with address autocomplete",
  at: "2026-11-16T15:42:00Z",
} as const;

export interface DeploySampleOptions {
  seed: number;
  /** First day (UTC, a Monday) of the sample month. */
  start: Date;
  days: number;
  /** The day (index from `start`) continuous deployment and preview environments were switched on. */
  switchDay: number;
}

const SUBJECTS: Record<string, readonly string[]> = {
  checkout: ["cart totals rounding", "coupon validation", "Stripe webhook retries", "shipping estimate", "tax lines"],
  web: ["landing hero", "product grid", "navigation menu", "image lazy loading", "cookie banner"],
  api: ["orders pagination", "rate limiting", "search endpoint", "N+1 query on /orders", "API keys rotation"],
  billing: ["invoice PDF layout", "proration", "VAT numbers", "dunning emails", "currency conversion"],
  auth: ["SSO login", "password reset flow", "session expiry", "2FA enrolment", "OAuth scopes"],
  search: ["synonyms", "typo tolerance", "index rebuild", "facet counts", "ranking weights"],
  notifications: ["push retries", "email templates", "SMS provider failover", "digest schedule", "unsubscribe link"],
  admin: ["user table filters", "audit log", "CSV export", "role editor", "feature flags page"],
};
const KINDS = [
  ["fix", 4],
  ["feat", 3],
  ["chore", 2],
  ["refactor", 1],
  ["perf", 1],
] as const;

function commitMessage(r: Random, service: string): string {
  const kind = r.weighted(KINDS);
  const subject = r.pick(SUBJECTS[service] ?? ["misc"]);
  const verb = { fix: "fix", feat: "add", chore: "update", refactor: "simplify", perf: "speed up" }[kind];
  if (kind === "chore" && r.chance(0.5))
    return `chore(deps): bump ${r.pick(["express", "react", "zod", "pg", "axios"])} to ${r.int(1, 9)}.${r.int(0, 20)}.${r.int(0, 9)}`;
  return `${kind}(${service}): ${verb} ${subject}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A working-hours instant on the given day (UTC), skewed towards the afternoon. */
function workTime(r: Random, dayStart: number): number {
  const hour = 8 + Math.min(10, Math.abs(r.normal()) * 3 + r.int(0, 4));
  return dayStart + Math.floor(hour * 3_600_000) + r.int(0, 3_599) * 1000;
}

/**
 * A month of CI/CD events for a company of 15 developers and 8 services: production deploys (quiet weekends),
 * and, from `switchDay` on, one preview environment per pull request (created when it opens, destroyed when it
 * merges or closes; a few leak) with continuous deployment of every merge. Events are sorted by time.
 */
export function generateDeployEvents(options: DeploySampleOptions): FaultlineEvent[] {
  const r = createRandom(options.seed);
  const events: FaultlineEvent[] = [];
  const startMs = options.start.getTime();
  const services = SAMPLE_SERVICES;
  const prNumbers = new Map<string, number>(services.map((s) => [s.name, 100]));
  let sequence = 0;
  const nextId = (prefix: string): string => `${prefix}-${(++sequence).toString().padStart(5, "0")}`;

  const deploy = (
    service: SampleService,
    at: number,
    environment: { name: string; kind: "production" | "preview" | "staging" },
    author: string,
    message: string,
    pullRequest?: number,
    forcedOutcome?: "success" | "failure",
  ): void => {
    const duration = r.int(90, 900) * 1000;
    const failed = forcedOutcome
      ? forcedOutcome === "failure"
      : r.chance(environment.kind === "production" ? 0.07 : 0.1);
    const event: DeploymentEvent = {
      type: "deployment",
      id: nextId(`${service.name}-deploy`),
      source: service.source,
      provider: service.provider,
      timestamp: iso(at + duration),
      kind: "deployed",
      outcome: failed ? "failure" : "success",
      service: service.name,
      environment,
      repository: service.repository,
      branch: environment.kind === "preview" ? `pr-${pullRequest}` : "main",
      commitSha: r.hex(40),
      commitMessage: message,
      author,
      startedAt: iso(at),
      finishedAt: iso(at + duration),
      ...(pullRequest === undefined ? {} : { pullRequest }),
    };
    events.push(event);
    if (failed && environment.kind === "production" && r.chance(0.5)) {
      events.push({
        ...event,
        id: nextId(`${service.name}-rollback`),
        kind: "rolled_back",
        outcome: "success",
        timestamp: iso(at + duration + r.int(5, 30) * 60_000),
        startedAt: iso(at + duration + r.int(1, 4) * 60_000),
        finishedAt: iso(at + duration + r.int(5, 30) * 60_000),
        commitMessage: `revert: ${message}`,
      });
    }
  };

  for (let day = 0; day < options.days; day++) {
    const dayStart = startMs + day * 86_400_000;
    const weekday = new Date(dayStart).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    if (day < options.switchDay) {
      // Before: a weekly-release culture, about 20 production deploys a week, none on weekends.
      const count = weekend ? 0 : r.int(3, 5);
      for (let k = 0; k < count; k++) {
        const service = r.pick(services);
        deploy(
          service,
          workTime(r, dayStart),
          { name: "production", kind: "production" },
          r.pick(SAMPLE_DEVELOPERS),
          commitMessage(r, service.name),
        );
      }
      continue;
    }
    // After: every pull request gets a preview environment and every merge deploys to production.
    const pullRequests = weekend ? r.int(1, 4) : r.int(28, 42);
    for (let k = 0; k < pullRequests; k++) {
      const service = r.pick(services);
      const author = r.pick(SAMPLE_DEVELOPERS);
      const number = (prNumbers.get(service.name) ?? 100) + 1;
      prNumbers.set(service.name, number);
      const title = commitMessage(r, service.name);
      const opened = workTime(r, dayStart) - r.int(1, 40) * 3_600_000;
      const change = (action: ChangeEvent["action"], at: number): void => {
        events.push({
          type: "change",
          id: nextId(`${service.name}-pr${number}-${action}`),
          source: service.source,
          provider: service.provider,
          timestamp: iso(at),
          action,
          repository: service.repository,
          pullRequest: number,
          title,
          author,
          branch: `${author}/${
            title
              .split(": ")[1]
              ?.replace(/[^a-z0-9]+/gi, "-")
              .toLowerCase() ?? "change"
          }`,
          baseBranch: "main",
        });
      };
      const preview = { name: `pr-${number}`, kind: "preview" as const };
      const environment = (action: EnvironmentEvent["action"], at: number): void => {
        events.push({
          type: "environment",
          id: nextId(`${service.name}-pr${number}-env-${action}`),
          source: service.source,
          provider: service.provider,
          timestamp: iso(at),
          action,
          environment: preview,
          preview: true,
          pullRequest: number,
          repository: service.repository,
          service: service.name,
        });
      };
      change("opened", opened);
      environment("created", opened + r.int(60, 240) * 1000);
      const pushes = r.int(1, 3);
      for (let p = 0; p < pushes; p++) {
        deploy(service, opened + (p + 1) * r.int(10, 90) * 60_000, preview, author, title, number);
      }
      const closedAt = Math.max(opened + 4 * 3_600_000, dayStart + r.int(10, 18) * 3_600_000);
      const merged = r.chance(0.92);
      change(merged ? "merged" : "closed", closedAt);
      // A few preview environments leak: the merge never tears them down.
      if (!r.chance(0.04)) environment("deleted", closedAt + r.int(30, 300) * 1000);
      if (merged) {
        deploy(
          service,
          closedAt + r.int(3, 15) * 60_000,
          { name: "production", kind: "production" },
          author,
          title,
          number,
        );
      }
    }
    if (iso(dayStart).startsWith(CULPRIT.at.slice(0, 10))) {
      const service = services.find((s) => s.name === CULPRIT.service)!;
      deploy(
        service,
        Date.parse(CULPRIT.at),
        { name: "production", kind: "production" },
        CULPRIT.author,
        CULPRIT.commitMessage,
        undefined,
        "success",
      );
    }
  }
  return events.sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.id.localeCompare(b.id));
}

/** One row of the sample product metric. */
export interface MetricRow {
  date: string;
  name: string;
  value: number;
  app: string;
}

/**
 * Daily checkout conversion rate (%): weekly seasonality (weekends convert better), noise, two outliers, and a
 * drop from the day after the culprit deploy onwards.
 */
export function generateMetric(options: { seed: number; start: Date; days: number }): MetricRow[] {
  const r = createRandom(options.seed);
  const changeDay = Date.parse(CULPRIT.at.slice(0, 10)) + 86_400_000;
  const rows: MetricRow[] = [];
  for (let day = 0; day < options.days; day++) {
    const at = options.start.getTime() + day * 86_400_000;
    const weekday = new Date(at).getUTCDay();
    const seasonal = weekday === 6 ? 0.25 : weekday === 0 ? 0.35 : weekday === 1 ? -0.08 : 0;
    const level = at >= changeDay ? 2.55 : 3.15;
    let value = level + seasonal + 0.06 * r.normal();
    if (day === 5 || day === 17) value += r.chance(0.5) ? 0.6 : -0.6; // tracking glitches
    rows.push({
      date: iso(at).slice(0, 10),
      name: "checkout_conversion_rate",
      value: Math.round(value * 1000) / 1000,
      app: "checkout",
    });
  }
  return rows;
}
