import { executionId, renderQoveryFrame } from "./qovery-frame";
import type { Random } from "./random";

/** Where and when one error happened; every variable part of a message is drawn from here. */
export interface ErrorContext {
  r: Random;
  app: string;
  appId: string;
  environment: string;
  environmentId: string;
  cluster: string;
  region: string;
  registry: string;
  epochSeconds: number;
}

/** One generated error report, before batching. */
export interface GeneratedError {
  scope: string;
  state: string;
  message: string;
}

/** A real cause of deployment failure with its share of all errors and a message generator. */
export interface ErrorCause {
  id: string;
  title: string;
  /** Relative weight in the default ("before") run. */
  share: number;
  generate(ctx: ErrorContext): GeneratedError;
}

const NODE_PACKAGES = ["express", "next", "react-scripts", "prisma", "typescript", "sharp", "bcrypt", "vite"];
const PY_PACKAGES = ["django", "flask", "psycopg2", "numpy", "pandas", "uvicorn", "celery"];

function ip(r: Random): string {
  return `10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(2, 254)}`;
}

function port(r: Random): number {
  return r.pick([80, 3000, 3000, 5000, 8000, 8080, 8080, 8081, 9000, 4000, 1337]);
}

/** `app-z1a2b3c4d-7f9c8d6b5-x2k9p`: a Deployment's pod name with replica-set and pod hash suffixes. */
function podName(ctx: ErrorContext): string {
  return `${ctx.app}-${ctx.appId}-${ctx.r.alnum(9)}-${ctx.r.alnum(5)}`;
}

function image(ctx: ErrorContext): string {
  return `${ctx.registry}/${ctx.appId}/${ctx.app}:${ctx.r.hex(40)}`;
}

function digestImage(ctx: ErrorContext): string {
  return `${ctx.registry}/${ctx.appId}/${ctx.app}@sha256:${ctx.r.hex(64)}`;
}

function version(r: Random): string {
  return `${r.int(0, 9)}.${r.int(0, 30)}.${r.int(0, 20)}`;
}

function framed(ctx: ErrorContext, scopeKind: string, errorMessage: string, hint: string, rollback = ""): string {
  const scope =
    scopeKind === "build"
      ? `Build platform '${ctx.app}' with id '${ctx.appId}'`
      : scopeKind === "environment"
        ? `Environment '${ctx.environment}' with id '${ctx.environmentId}'`
        : `Application '${ctx.app}' with id '${ctx.appId}'`;
  return renderQoveryFrame({
    executionId: executionId(ctx.r, ctx.epochSeconds),
    scope,
    rollback,
    errorMessage,
    hint,
  });
}

function buildLines(ctx: ErrorContext, lines: readonly string[]): string {
  const ts = new Date(ctx.epochSeconds * 1000);
  return lines.map((line, i) => `${new Date(ts.getTime() + i * 37).toISOString()} ${line}`).join("\n");
}

// Every cause has a core error line (with its variable parts) that each of its variants carries, as real engines
// surface the same underlying error wrapped in their frame, in Kubernetes events or at the end of a build log.

const builderNotDetected: ErrorCause = {
  id: "buildpack-builder-not-detected",
  title: "Buildpacks cannot detect a builder",
  share: 17,
  generate(ctx) {
    const { r } = ctx;
    const core =
      "ERROR: failed to detect: no buildpack groups passed detection, buildpacks cannot detect a builder for your application";
    const hint =
      "Buildpacks could not detect the language of your application. Add a Dockerfile to your repository, or make sure it contains the files a buildpack looks for (package.json, requirements.txt, go.mod, Gemfile, pom.xml).";
    const variant = r.int(0, 2);
    if (variant === 0) {
      return {
        scope: "APPLICATION",
        state: "BUILD_ERROR",
        message: framed(
          ctx,
          "build",
          `error while building container image ${ctx.app} (${ctx.appId}). Error: ${core}`,
          hint,
        ),
      };
    }
    if (variant === 1) {
      return {
        scope: "APPLICATION",
        state: "BUILD_ERROR",
        message: buildLines(ctx, [
          `Building ${ctx.app} with buildpacks (builder heroku/builder:${r.pick(["20", "22", "24"])})`,
          "===> ANALYZING",
          `Image with name "${ctx.registry}/${ctx.app}:${r.hex(12)}" not found`,
          "===> DETECTING",
          "======== Results ========",
          `fail: heroku/nodejs-engine@${version(r)}`,
          `fail: heroku/python@${version(r)}`,
          `fail: heroku/go@${version(r)}`,
          core,
        ]),
      };
    }
    return {
      scope: "APPLICATION",
      state: "BUILD_ERROR",
      message: framed(
        ctx,
        "build",
        `error while building container image ${ctx.app} (${ctx.appId}) from root directory '${r.pick(["/", "/app", "/backend", "/api", "/services/web"])}'. Error: ${core}`,
        hint,
      ),
    };
  },
};

const buildpackBuildFailure: ErrorCause = {
  id: "buildpack-build-failure",
  title: "Buildpack build failed",
  share: 11.5,
  generate(ctx) {
    const { r } = ctx;
    const lang = r.pick(["node", "python"] as const);
    const failure =
      lang === "node"
        ? r.pick([
            'npm ERR! Missing script: "build"',
            `npm ERR! code ERESOLVE unable to resolve dependency tree, found ${r.pick(NODE_PACKAGES)}@${version(r)}`,
            `npm ERR! code ELIFECYCLE errno 1 ${ctx.app}@${version(r)} build: \`tsc -p .\``,
          ])
        : r.pick([
            `ERROR: Could not find a version that satisfies the requirement ${r.pick(PY_PACKAGES)}==${version(r)}`,
            `ERROR: Failed building wheel for ${r.pick(PY_PACKAGES)}`,
            "ModuleNotFoundError: No module named 'setuptools'",
          ]);
    const core = `ERROR: failed to build: buildpack build failed with exit status ${r.pick([1, 1, 2, 127])}`;
    if (r.chance(0.5)) {
      return {
        scope: "APPLICATION",
        state: "BUILD_ERROR",
        message: buildLines(ctx, [
          `Building ${ctx.app} with buildpacks`,
          "===> DETECTING",
          `heroku/${lang === "node" ? "nodejs" : "python"} ${version(r)}`,
          "===> BUILDING",
          lang === "node" ? "-----> Installing dependencies" : "-----> Installing requirements with pip",
          failure,
          core,
        ]),
      };
    }
    return {
      scope: "APPLICATION",
      state: "BUILD_ERROR",
      message: framed(
        ctx,
        "build",
        `error while building container image ${ctx.app} (${ctx.appId}). Error: ${core}. Last build output: ${failure}`,
        "The buildpack detected your language but the build of your application failed. Check the build logs, and that your application builds locally.",
      ),
    };
  },
};

const livenessWrongPort: ErrorCause = {
  id: "liveness-probe-wrong-port",
  title: "Liveness probe failed (wrong port)",
  share: 10.5,
  generate(ctx) {
    const { r } = ctx;
    const p = port(r);
    const addr = ip(r);
    const probe = r.pick(["Liveness", "Readiness"]);
    const path = r.pick(["/", "/health", "/healthz", "/api/health"]);
    const core = `${probe} probe failed: Get "http://${addr}:${p}${path}": dial tcp ${addr}:${p}: connect: connection refused`;
    if (r.chance(0.4)) {
      const pod = podName(ctx);
      return {
        scope: "APPLICATION",
        state: "DEPLOYMENT_ERROR",
        message: [
          `Warning  Unhealthy  pod/${pod}  ${core}`,
          `Warning  Unhealthy  pod/${pod}  ${core}`,
          `Normal   Killing    pod/${pod}  Container ${ctx.app} failed liveness probe, will be restarted`,
        ].join("\n"),
      };
    }
    return {
      scope: "APPLICATION",
      state: "DEPLOYMENT_ERROR",
      message: framed(
        ctx,
        "application",
        `Application ${ctx.app} (${ctx.appId}) has failed to start: ${core}`,
        `Check that your application listens on port ${p}, the port declared in its settings, and on 0.0.0.0 rather than localhost.`,
        `Application '${ctx.app}' has been rolled back to its previous version`,
      ),
    };
  },
};

const crashAtStartup: ErrorCause = {
  id: "crash-at-startup",
  title: "Application crashes at start-up",
  share: 6,
  generate(ctx) {
    const { r } = ctx;
    const code = r.pick([1, 1, 1, 2, 127, 139]);
    const log = r.pick([
      `Error: Cannot find module '/app/${r.pick(["dist/main.js", "build/server.js", "index.js"])}'`,
      "panic: runtime error: invalid memory address or nil pointer dereference",
      `ModuleNotFoundError: No module named '${r.pick(PY_PACKAGES)}'`,
      `Error: connect ECONNREFUSED ${ip(r)}:${r.pick([5432, 6379, 3306, 27017])}`,
      `KeyError: '${r.pick(["DATABASE_URL", "SECRET_KEY", "REDIS_URL", "STRIPE_KEY"])}'`,
    ]);
    const pod = podName(ctx);
    const core = `Back-off restarting failed container ${ctx.app} in pod ${pod}: CrashLoopBackOff, container exited with code ${code}`;
    if (r.chance(0.4)) {
      return {
        scope: "APPLICATION",
        state: "DEPLOYMENT_ERROR",
        message: [`Warning  BackOff  pod/${pod}  ${core}`, `Last log line: ${log}`].join("\n"),
      };
    }
    return {
      scope: "APPLICATION",
      state: "DEPLOYMENT_ERROR",
      message: framed(
        ctx,
        "application",
        `Application ${ctx.app} (${ctx.appId}) crashed at start-up: ${core}. Last log line: ${log}`,
        "Your application crashes right after it starts. Look at the application logs, and check its environment variables and start command.",
        `Application '${ctx.app}' has been rolled back to its previous version`,
      ),
    };
  },
};

const procfileSeveralProcesses: ErrorCause = {
  id: "procfile-several-processes",
  title: "Procfile declares several processes",
  share: 6,
  generate(ctx) {
    const { r } = ctx;
    const processes = ["web", r.pick(["worker", "clock", "release", "scheduler"]), r.pick(["", "beat", "cron"])]
      .filter(Boolean)
      .join(", ");
    const core = `ERROR: multiple process types found in Procfile (${processes}): only one process per application is supported`;
    if (r.chance(0.5)) {
      return {
        scope: "APPLICATION",
        state: "BUILD_ERROR",
        message: framed(
          ctx,
          "build",
          `error while building container image ${ctx.app} (${ctx.appId}). Error: ${core}`,
          "Create one application per process of your Procfile and set its entrypoint, or remove the extra processes from the Procfile.",
        ),
      };
    }
    return {
      scope: "APPLICATION",
      state: "BUILD_ERROR",
      message: buildLines(ctx, [
        "===> EXPORTING",
        `Adding layer 'heroku/${r.pick(["nodejs", "python", "ruby"])}:web'`,
        core,
      ]),
    };
  },
};

const dockerfileBuildError: ErrorCause = {
  id: "dockerfile-build-error",
  title: "Dockerfile build error",
  share: 5,
  generate(ctx) {
    const { r } = ctx;
    const step = r.int(3, 12);
    const total = step + r.int(1, 6);
    const cmd = r.pick([
      "npm ci",
      "yarn install --frozen-lockfile",
      "pip install -r requirements.txt",
      "go build ./...",
      "./gradlew build",
    ]);
    const code = r.pick([1, 2, 127]);
    const core = `ERROR: failed to solve: process "/bin/sh -c ${cmd}" did not complete successfully: exit code: ${code}`;
    if (r.chance(0.5)) {
      return {
        scope: "APPLICATION",
        state: "BUILD_ERROR",
        message: buildLines(ctx, [
          `#${step + 6} [build ${step}/${total}] RUN ${cmd}`,
          `#${step + 6} ERROR: process "/bin/sh -c ${cmd}" did not complete successfully: exit code: ${code}`,
          "------",
          `Dockerfile:${r.int(5, 40)}`,
          core,
        ]),
      };
    }
    return {
      scope: "APPLICATION",
      state: "BUILD_ERROR",
      message: framed(
        ctx,
        "build",
        `error while building container image ${ctx.app} (${ctx.appId}). Error: SimpleError { kind: Command(ExitStatus(ExitStatus(256))), message: Some("error while executing an internal command") }: ${core}`,
        "It looks like there is something wrong in your Dockerfile. Try run locally using `qovery run` or build with `docker build --no-cache`",
      ),
    };
  },
};

const registryPushFailure: ErrorCause = {
  id: "registry-push-failure",
  title: "Pushing the image to the registry failed",
  share: 6.5,
  generate(ctx) {
    const { r } = ctx;
    const img = image(ctx);
    const reason = r.pick([
      "denied: requested access to the resource is denied",
      "unauthorized: authentication required",
      "received unexpected HTTP status: 500 Internal Server Error",
    ]);
    const core = `error pushing image to container registry: failed to push ${img}: ${reason}`;
    if (r.chance(0.5)) {
      return {
        scope: "APPLICATION",
        state: "BUILD_ERROR",
        message: framed(
          ctx,
          "build",
          `error while building container image ${ctx.app} (${ctx.appId}). Error: ${core}`,
          "The image was built but could not be pushed to the container registry. Check the registry credentials and its permissions.",
        ),
      };
    }
    return {
      scope: "APPLICATION",
      state: "BUILD_ERROR",
      message: [
        `The push refers to repository [${img.split(":")[0]}]`,
        `${r.hex(12)}: Preparing`,
        `${r.hex(12)}: Pushed`,
        core,
      ].join("\n"),
    };
  },
};

const imagePullFailure: ErrorCause = {
  id: "image-pull-failure",
  title: "The cluster cannot pull the image",
  share: 9,
  generate(ctx) {
    const { r } = ctx;
    const img = r.chance(0.5) ? digestImage(ctx) : image(ctx);
    const pod = podName(ctx);
    const reason = r.pick([
      `rpc error: code = NotFound desc = failed to pull and unpack image "${img}": not found`,
      `rpc error: code = Unknown desc = failed to pull and unpack image "${img}": pull access denied, repository does not exist or may require authorization`,
    ]);
    const core = `Failed to pull image "${img}": ${reason}. Error: ImagePullBackOff`;
    if (r.chance(0.5)) {
      return {
        scope: "APPLICATION",
        state: "DEPLOYMENT_ERROR",
        message: [
          `Warning  Failed   pod/${pod}  ${core}`,
          `Normal   BackOff  pod/${pod}  Back-off pulling image "${img}"`,
        ].join("\n"),
      };
    }
    return {
      scope: "APPLICATION",
      state: "DEPLOYMENT_ERROR",
      message: framed(
        ctx,
        "application",
        `Application ${ctx.app} (${ctx.appId}) can't be started: ${core}`,
        "The cluster could not pull the image of your application. Check that the image exists in the registry and that the cluster can access it.",
      ),
    };
  },
};

const oomKilled: ErrorCause = {
  id: "oom-killed",
  title: "Container killed for using too much memory (OOMKilled)",
  share: 8,
  generate(ctx) {
    const { r } = ctx;
    const mem = r.pick([128, 256, 256, 512, 512, 1024, 2048]);
    const pod = podName(ctx);
    const core = `Container ${ctx.app} in pod ${pod} was OOMKilled (exit code 137): memory limit of ${mem}Mi exceeded`;
    if (r.chance(0.5)) {
      return {
        scope: "APPLICATION",
        state: "DEPLOYMENT_ERROR",
        message: [core, `Warning  BackOff  pod/${pod}  Back-off restarting failed container ${ctx.app}`].join("\n"),
      };
    }
    return {
      scope: "APPLICATION",
      state: "DEPLOYMENT_ERROR",
      message: framed(
        ctx,
        "application",
        `Application ${ctx.app} (${ctx.appId}) has been killed because it used more memory than allowed: ${core}`,
        "Your application uses more memory than its limit. Increase the memory of the application in its settings, or reduce its memory usage.",
        `Application '${ctx.app}' has been rolled back to its previous version`,
      ),
    };
  },
};

const helmTimeout: ErrorCause = {
  id: "helm-timeout",
  title: "Helm release timed out",
  share: 9.5,
  generate(ctx) {
    const { r } = ctx;
    const release = r.pick([`${ctx.app}-${ctx.appId}`, `${ctx.app}`, `q-${ctx.environmentId}-${ctx.app}`]);
    const action = r.pick(["UPGRADE", "INSTALLATION"]);
    const core = `Error: ${action} FAILED: release ${release} failed, and has been ${action === "UPGRADE" ? "rolled back" : "uninstalled"} due to atomic being set: timed out waiting for the condition`;
    if (r.chance(0.5)) {
      return {
        scope: "ENVIRONMENT",
        state: "DEPLOYMENT_ERROR",
        message: [
          `helm upgrade --install ${release} --namespace ${ctx.environmentId} --atomic --wait --timeout ${r.pick([300, 600, 900])}s`,
          core,
        ].join("\n"),
      };
    }
    return {
      scope: "ENVIRONMENT",
      state: "DEPLOYMENT_ERROR",
      message: framed(
        ctx,
        "environment",
        `Helm release ${release} failed on cluster ${ctx.cluster}: ${core}`,
        "The deployment took longer than allowed. Check the logs of your application: it may be slow to start, or waiting for a dependency.",
      ),
    };
  },
};

const cloudQuota: ErrorCause = {
  id: "cloud-quota",
  title: "Cloud provider quota exceeded",
  share: 1.8,
  generate(ctx) {
    const { r } = ctx;
    const limit = r.pick([32, 64, 96, 128, 256]);
    const core = `VcpuLimitExceeded: You have requested more vCPU capacity than your current vCPU limit of ${limit} allows for the instance bucket that the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.`;
    return {
      scope: "ENVIRONMENT",
      state: "DEPLOYMENT_ERROR",
      message: framed(
        ctx,
        "environment",
        `Error while creating cloud resources on cluster ${ctx.cluster} (${ctx.region}): cloud provider quota exceeded. ${core}`,
        "Your cloud provider account has reached one of its quotas. Ask your cloud provider to raise the quota, then redeploy.",
      ),
    };
  },
};

const gitCloneFailure: ErrorCause = {
  id: "git-clone-failure",
  title: "Git clone failed",
  share: 1.7,
  generate(ctx) {
    const { r } = ctx;
    const owner = r.pick(["acme", "acme-corp", "shopfront", "jdoe", "platform-team"]);
    const url = `https://${r.pick(["github.com", "gitlab.com", "bitbucket.org"])}/${owner}/${ctx.app}.git`;
    const reason = r.pick([
      "remote: Repository not found.",
      "authentication required: the access token has expired or was revoked",
      `reference 'refs/heads/${r.pick(["main", "develop", "feature/checkout-v2", "release-1.4"])}' not found`,
    ]);
    return {
      scope: "APPLICATION",
      state: "BUILD_ERROR",
      message: framed(
        ctx,
        "build",
        `Error while cloning repository ${url} for application ${ctx.app}: git clone failed: ${reason}`,
        "Qovery could not clone your repository. Check that the repository and branch exist and that the Git provider access is still valid.",
      ),
    };
  },
};

const engineBug: ErrorCause = {
  id: "engine-bug",
  title: "Deployment engine bug",
  share: 1.5,
  generate(ctx) {
    const { r } = ctx;
    const file = r.pick([
      "cloud_provider/kubernetes",
      "deployment_action/deploy_helm",
      "build_platform/local_docker",
      "container_registry/ecr",
    ]);
    return {
      scope: "ENVIRONMENT",
      state: "DEPLOYMENT_ERROR",
      message: framed(
        ctx,
        "environment",
        `Unexpected engine error: thread 'tokio-runtime-worker' panicked at 'called \`Option::unwrap()\` on a \`None\` value', src/${file}.rs:${r.int(20, 900)}:${r.int(5, 60)}`,
        "This is a bug in the deployment engine, not in your application. The Qovery team has been notified; redeploy in a few minutes.",
      ),
    };
  },
};

/** The long tail: one-off errors, each seen one to three times. Their truth label is the template itself. */
const ONE_OFF_MESSAGES: readonly ((ctx: ErrorContext) => string)[] = [
  (c) =>
    `x509: certificate has expired or is not yet valid: current time ${new Date(c.epochSeconds * 1000).toISOString()} is after 2026-10-01T00:00:00Z`,
  (c) => `write /var/lib/docker/overlay2/${c.r.hex(64)}/diff/app/node_modules/.cache: no space left on device`,
  (c) => `lookup ${c.app}-db.${c.environmentId}.svc.cluster.local on 172.20.0.10:53: no such host`,
  () => "net/http: TLS handshake timeout while contacting the GitHub API",
  (c) => `database migration failed: relation "${c.r.pick(["users", "orders", "invoices"])}" already exists`,
  (c) => `Error acquiring the state lock: ConditionalCheckFailedException, lock ID ${c.r.uuid()}`,
  () => "API rate limit exceeded for installation; retry after the reset time",
  (c) =>
    `invalid environment variable name '${c.r.pick(["1PASSWORD", "MY-VAR", "API KEY"])}': names must start with a letter`,
  (c) =>
    `custom domain ${c.app}.${c.r.pick(["example.com", "acme.io", "shop.dev"])} is not verified: CNAME record missing`,
  (c) => `secret ${c.app}-secrets not found in namespace ${c.environmentId}`,
  () => "Terraform apply failed: Error: Provider produced inconsistent final plan",
  (c) => `persistent volume claim ${c.app}-data is stuck in Pending: no persistent volumes available for this claim`,
  () => "node pool upgrade in progress: the cluster is locked, try again later",
  (c) => `cron schedule '${c.r.pick(["*/0 * * * *", "61 * * * *", "every 5 minutes"])}' is invalid`,
  () => "the organization has reached its maximum number of environments for the current plan",
  () => "SSL certificate request failed: too many certificates already issued for this exact set of domains",
  (c) => `port ${c.r.int(1, 79)} is a privileged port and cannot be exposed publicly`,
  () => "Error: the Kubernetes API server is not reachable: Unauthorized",
  () => "managed database creation failed: the requested instance class is not available in this zone",
  (c) => `webhook admission denied the request: image ${c.registry}/${c.app} is not signed`,
  () => "mirroring the image to the cluster registry failed: manifest unknown",
  () => "the deployment was cancelled by a user before it finished",
  (c) => `ingress host ${c.app}.${c.environmentId}.qovery.io conflicts with an existing ingress`,
  () => "load balancer health check failed: target group has no healthy targets",
  () => "Unable to assume the IAM role: AccessDenied on sts:AssumeRole",
  (c) => `job ${c.app} exceeded its maximum duration of ${c.r.pick([600, 1800, 3600])} seconds`,
  () => "the build cache volume is corrupted; cleaning the cache and retrying may help",
  () => "docker daemon is not responding on the build machine",
  (c) => `environment variable ${c.r.pick(["DATABASE_URL", "REDIS_URL"])} references a deleted database`,
  () => "NAT gateway creation failed: InsufficientFreeAddressesInSubnet",
  () => "the git submodule libs/shared could not be fetched",
  () => "Autoscaler failed to scale up: max node group size reached",
  () => "The storage class gp3 does not exist in this cluster",
  () => "deployment rule violated: deploys to production are frozen this week",
  () => "KEDA scaled object is invalid: trigger metadata is missing queueName",
  () => "the container image is larger than the 10 GB limit",
  () => "Clock skew detected between the build machine and the registry",
  () => "the repository contains a symlink pointing outside of the build context",
];

const oneOff: ErrorCause = {
  id: "one-off",
  title: "Long tail of one-off errors",
  share: 6,
  generate() {
    // Replaced per event by the generator, which needs the template index for the truth label.
    throw new Error("one-off errors are generated by generateOneOff");
  },
};

/** Generates one long-tail error; returns its template index, which is its truth label. */
export function generateOneOff(ctx: ErrorContext, index: number): GeneratedError {
  const template = ONE_OFF_MESSAGES[index % ONE_OFF_MESSAGES.length]!;
  return { scope: ctx.r.pick(["ENVIRONMENT", "APPLICATION"]), state: "DEPLOYMENT_ERROR", message: template(ctx) };
}

/** How many distinct one-off templates exist. */
export const ONE_OFF_TEMPLATES: number = ONE_OFF_MESSAGES.length;

/** Every cause, biggest first in the default run. `share` is the percentage of all errors in the default run (they sum to 100). */
export const ERROR_CAUSES: readonly ErrorCause[] = [
  builderNotDetected,
  buildpackBuildFailure,
  livenessWrongPort,
  helmTimeout,
  imagePullFailure,
  oomKilled,
  registryPushFailure,
  crashAtStartup,
  procfileSeveralProcesses,
  oneOff,
  dockerfileBuildError,
  cloudQuota,
  gitCloneFailure,
  engineBug,
];
