// Synthetic deployment error rows for the throughput bench: the Qovery frame of issue #4 around a mix of
// causes, with fresh ids, addresses, names and numbers in every message (seeded, so runs compare).

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RULE = "-------------------------------------------------------------------------------";
const APPS = ["api", "web", "worker", "checkout", "billing", "auth", "beta-build", "admin", "search", "media"];

export function makeRows(count: number, eventsPerRow: number, seed: number): unknown[] {
  const r = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const hex = (n: number) => Array.from({ length: n }, () => "0123456789abcdef"[int(0, 15)]).join("");
  const pick = <T>(xs: readonly T[]) => xs[int(0, xs.length - 1)]!;
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const ip = () => `10.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`;
  const k8s = (n: number) => Array.from({ length: n }, () => "bcdfghjklmnpqrstvwxz2456789"[int(0, 26)]).join("");
  const causes: ((app: string, id: string) => [string, string])[] = [
    (app, id) => [
      `error while building container image ${app} (${id}). Error: SimpleError { kind: Command(ExitStatus(ExitStatus(${pick([256, 1, 137])}))), message: Some("error while executing an internal command") }`,
      "It looks like there is something wrong in your Dockerfile. Try run locally using `qovery run` or build with `docker build --no-cache`",
    ],
    (app, id) => [
      `Application ${app} (${id}) has failed to start: Readiness probe failed: Get "http://${ip()}:${int(1024, 9999)}/healthz": dial tcp ${ip()}:${int(1024, 9999)}: connect: connection refused`,
      "Check that your application listens on the port declared in its settings, and on 0.0.0.0 rather than localhost.",
    ],
    (app, id) => [
      `Application ${app} (${id}) crashed at start-up: pod ${app}-${k8s(9)}-${k8s(5)} is in CrashLoopBackOff, container exited with code ${int(1, 2)}. Last log line: Error: Cannot find module '/app/build/server.js'`,
      "Your application crashes right after it starts. Look at the application logs, and check its environment variables.",
    ],
    (app, id) => [
      `Application ${app} (${id}) can't be started: failed to pull image "${int(100000000000, 999999999999)}.dkr.ecr.eu-west-3.amazonaws.com/${id}/${app}:${hex(12)}" (ImagePullBackOff): rpc error: code = NotFound desc = not found`,
      "The cluster could not pull the image of your application. Check that the image exists in the registry.",
    ],
    (_app, _id) => [
      `Error while creating cloud resources on cluster prod-${hex(4)} (eu-west-3): cloud provider quota exceeded. VcpuLimitExceeded: You have requested more vCPU capacity than your current vCPU limit of ${int(8, 64)} allows. Request ID: ${uuid()}`,
      "Your cloud provider account has reached one of its quotas. Ask your cloud provider to raise the quota, then redeploy.",
    ],
    (app, id) => [
      `Application ${app} (${id}) has been killed because it used more memory than allowed (${pick([256, 512, 1024])} MB): container OOMKilled, exit code 137.`,
      "Your application uses more memory than its limit. Increase the memory of the application in its settings.",
    ],
  ];
  const rows: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const events = [];
    for (let e = 0; e < eventsPerRow; e++) {
      const app = pick(APPS);
      const id = `z${hex(8)}`;
      const [error, hint] = pick(causes)(app, id);
      const message = [
        "",
        RULE,
        "",
        " MESSAGE FOR QOVERY TEAM:",
        ` * Execution ID: ${uuid()}-${int(1, 9)}-${int(1600000000, 1800000000)}`,
        ` * Scope: Build platform '${app}' with id '${id}'`,
        " * Rollback message: ",
        "",
        RULE,
        "",
        " \u274c \u274c \u274c MESSAGE FOR THE USER \u274c \u274c \u274c",
        "",
        ` \u2709\ufe0f Error message: ${error}`,
        " \ud83d\udcac Need help: Look at the hint message first. If you need more assistance, you can reach the support team on Discord (https://discord.qovery.com) or on the Qovery console (https://console.qovery.com) with the integrated chat.",
        ` \u2139\ufe0f Hint: ${hint}`,
        " ",
      ].join("\n");
      events.push({
        id: uuid(),
        scope: "APPLICATION",
        state: "DEPLOYMENT_ERROR",
        message,
        timestamp: "2026-09-28T00:27:47.921Z",
      });
    }
    rows.push({ id: uuid(), environment_id: `z${hex(8)}`, created_at: "2026-09-28T00:27:47.921Z", events });
  }
  return rows;
}
