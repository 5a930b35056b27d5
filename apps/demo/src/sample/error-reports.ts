import { ERROR_CAUSES, type ErrorContext, generateOneOff, ONE_OFF_TEMPLATES } from "./error-causes";
import { shortId } from "./qovery-frame";
import { createRandom, type Random } from "./random";

/** One stored row of the platform's error table: a batch of error reports from one deployment. */
export interface ErrorRow {
  id: string;
  organization_id: string;
  environment_id: string;
  created_at: string;
  events: {
    id: string;
    scope: string;
    state: string;
    message: string;
    timestamp: string;
    ids: { environment: string; application: string };
  }[];
}

export interface ErrorSampleOptions {
  seed: number;
  /** How many error events (not rows) to generate. */
  events: number;
  /** First day (UTC) of the period. */
  start: Date;
  days: number;
  /** Relative weight per cause id; causes left out keep their default share. A weight of 0 removes a cause. */
  weights?: Readonly<Record<string, number>>;
}

const APP_NAMES = [
  "api",
  "web",
  "frontend",
  "backend",
  "worker",
  "checkout",
  "billing",
  "auth",
  "admin",
  "dashboard",
  "strapi",
  "next-app",
  "landing",
  "payments",
  "notifications",
  "search",
  "gateway",
  "cron",
  "media",
  "reports",
  "shop",
  "graphql",
  "mobile-api",
  "crm",
  "inventory",
  "analytics",
  "blog",
  "docs",
  "chat",
  "scheduler",
];
const ENV_NAMES = ["production", "staging", "dev", "preview", "qa", "demo"];
const REGIONS = ["eu-west-3", "us-east-2", "eu-central-1", "ap-south-1", "us-west-2", "fr-par"];
const REGISTRIES = [
  (r: Random) => `${r.int(100000000000, 999999999999)}.dkr.ecr.${r.pick(REGIONS)}.amazonaws.com`,
  () => "rg.fr-par.scw.cloud/qovery",
  (r: Random) => `ghcr.io/${r.pick(["acme", "shopfront", "platform-team"])}`,
  (r: Random) => `docker.io/${r.pick(["acme", "jdoe", "startup"])}`,
];

interface Tenant {
  organizationId: string;
  environmentId: string;
  environment: string;
  cluster: string;
  region: string;
  registry: string;
  apps: { name: string; id: string }[];
}

function createTenants(r: Random, count: number): Tenant[] {
  return Array.from({ length: count }, () => {
    const region = r.pick(REGIONS);
    const appCount = r.int(1, 5);
    return {
      organizationId: r.uuid(),
      environmentId: shortId(r),
      environment: r.chance(0.2) ? `pr-${r.int(1, 900)}` : r.pick(ENV_NAMES),
      cluster: `${r.pick(["prod", "staging", "shared", "k8s"])}-${region}-${r.alnum(4)}`,
      region,
      registry: r.pick(REGISTRIES)(r),
      apps: Array.from({ length: appCount }, () => ({ name: r.pick(APP_NAMES), id: shortId(r) })),
    };
  });
}

/** Exact event counts per cause (largest remainder), so true shares do not depend on sampling luck. */
function causeCounts(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i]! += 1;
  }
  return counts;
}

/** Draws one-off template indices: each template is used one to three times, never more. */
function oneOffPlan(r: Random, count: number): number[] {
  const plan: number[] = [];
  let template = r.int(0, ONE_OFF_TEMPLATES - 1);
  while (plan.length < count) {
    const repeats = Math.min(r.int(1, 3), count - plan.length);
    for (let i = 0; i < repeats; i++) plan.push(template % ONE_OFF_TEMPLATES);
    template += 1;
  }
  return plan;
}

/** Fisher–Yates, in place. */
function shuffle<T>(r: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * Generates the platform's error table: rows holding batches of one to five error reports, with one truth
 * label per flattened event (a cause id, or `one-off-<n>` for the long tail). Streams, so a million events
 * never sit in memory at once: labels are planned per block of at most 50,000 events.
 */
export function* generateErrorRows(options: ErrorSampleOptions): Generator<{ row: ErrorRow; labels: string[] }> {
  const r = createRandom(options.seed);
  const tenants = createTenants(r, 60);
  const weights = ERROR_CAUSES.map((cause) => options.weights?.[cause.id] ?? cause.share);
  const startMs = options.start.getTime();
  const spanMs = options.days * 86_400_000;
  const BLOCK = 50_000;
  let produced = 0;
  let oneOffOffset = 0;
  while (produced < options.events) {
    const blockSize = Math.min(BLOCK, options.events - produced);
    const counts = causeCounts(blockSize, weights);
    const plan = shuffle(
      r,
      counts.flatMap((count, i) => Array.from({ length: count }, () => i)),
    );
    const oneOffIndex = ERROR_CAUSES.findIndex((c) => c.id === "one-off");
    const oneOffs = oneOffPlan(r, counts[oneOffIndex] ?? 0).map((t) => t + oneOffOffset);
    oneOffOffset += ONE_OFF_TEMPLATES;
    let cursor = 0;
    while (cursor < plan.length) {
      const size = Math.min(r.int(1, 5), plan.length - cursor);
      const tenant = r.pick(tenants);
      const at = startMs + Math.floor(((produced + cursor) / options.events) * spanMs) + r.int(0, 3_600_000);
      const row: ErrorRow = {
        id: r.uuid(),
        organization_id: tenant.organizationId,
        environment_id: tenant.environmentId,
        created_at: new Date(at).toISOString(),
        events: [],
      };
      const labels: string[] = [];
      for (let k = 0; k < size; k++) {
        const causeIndex = plan[cursor + k]!;
        const cause = ERROR_CAUSES[causeIndex]!;
        const app = r.pick(tenant.apps);
        const timestamp = at + k * r.int(200, 5000);
        const ctx: ErrorContext = {
          r,
          app: app.name,
          appId: app.id,
          environment: tenant.environment,
          environmentId: tenant.environmentId,
          cluster: tenant.cluster,
          region: tenant.region,
          registry: tenant.registry,
          epochSeconds: Math.floor(timestamp / 1000),
        };
        let generated: { scope: string; state: string; message: string };
        if (cause.id === "one-off") {
          const template = oneOffs.shift()!;
          generated = generateOneOff(ctx, template);
          labels.push(`one-off-${template}`);
        } else {
          generated = cause.generate(ctx);
          labels.push(cause.id);
        }
        row.events.push({
          id: r.uuid(),
          scope: generated.scope,
          state: generated.state,
          message: generated.message,
          timestamp: new Date(timestamp).toISOString(),
          ids: { environment: tenant.environmentId, application: app.id },
        });
      }
      cursor += size;
      yield { row, labels };
    }
    produced += blockSize;
  }
}
