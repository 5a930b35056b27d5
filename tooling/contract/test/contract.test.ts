// The package contract: every publishable package, packed and installed as a user would get it,
// loads from ESM and from CommonJS, type-checks under nodenext, and passes publint and attw.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  installConsumer,
  lintPackage,
  loadExports,
  pack,
  publishablePackages,
  run,
  typecheckConsumer,
  workspaceBin,
  workspaceRoot,
} from "../src/index";

const root = workspaceRoot(import.meta.dirname);
const packages = publishablePackages(root);
const work = mkdtempSync(join(tmpdir(), "faultline-contract-"));
const consumer = join(work, "consumer");
const tarballs = new Map<string, string>();
const consumerDeps = { "@types/node": "^20.19.0" };

beforeAll(() => {
  const build = run(
    workspaceBin(root, "turbo"),
    ["run", "build", "--filter=./packages/*", "--output-logs=errors-only"],
    root,
  );
  if (!build.ok) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
  for (const pkg of packages) {
    const packed = pack(pkg, work);
    if (packed.failure) throw new Error(`${pkg.name}: pack failed: ${packed.failure.detail}`);
    tarballs.set(pkg.name, packed.tarball!);
  }
  const failure = installConsumer(consumer, tarballs, consumerDeps);
  if (failure) throw new Error(`npm install of the packed packages failed:\n${failure.detail}`);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("publishable packages", () => {
  it("are the six packages of the toolkit", () => {
    expect(packages.map((p) => p.name).sort()).toEqual([
      "@faultline/collector",
      "@faultline/dbscan",
      "@faultline/embed",
      "@faultline/normalize",
      "@faultline/report",
      "@faultline/schemas",
    ]);
  });

  it.each(packages.map((p) => [p.name, p] as const))(
    "%s loads from ESM and CommonJS with the source's exports",
    async (name) => {
      const loaded = loadExports(consumer, name);
      expect(loaded.failures).toEqual([]);
      // Resolved through the @faultline/source condition: the API as written, before any build.
      const fromSource = Object.keys(await import(/* @vite-ignore */ name)).sort();
      expect(loaded.esm).toEqual(fromSource);
      expect(loaded.cjs).toEqual(fromSource);
    },
  );

  it("type-check in a TypeScript consumer with moduleResolution nodenext", () => {
    expect(
      typecheckConsumer(
        root,
        consumer,
        packages.map((p) => p.name),
      ),
    ).toBeUndefined();
  });

  it.each(packages.map((p) => [p.name, p] as const))(
    "%s is clean under publint --strict and attw --profile esm-only",
    (_name, pkg) => {
      expect(lintPackage(root, pkg, tarballs.get(pkg.name)!)).toEqual([]);
    },
  );
});

describe("installed packages at work", () => {
  it("analyzeErrors gives the same groups with normalisation on worker threads as on one thread", () => {
    // Plain Node on the installed tarballs: the worker pool only starts past 20,000 events and imports the built
    // @faultline/normalize, which a vitest run in the workspace cannot show.
    const script = `
      import { analyzeErrors } from "@faultline/report";
      const causes = [
        (i) => "Container api-" + i.toString(36) + " was OOMKilled (exit code 137)",
        (i) => "Liveness probe failed: Get http://10.0." + (i % 250) + ".7:8080/healthz: connection refused",
        (i) => "===> BUILDING\\nnpm ERR! missing script: build\\nERROR: failed to build: exit status " + (i % 3),
        (i) => "git clone failed: repository acme/svc-" + (i % 40) + " not found",
      ];
      const rows = Array.from({ length: 25000 }, (_, i) => ({ events: [{ message: causes[i % 4](i) }] }));
      const one = await analyzeErrors(rows, { workers: 0 });
      const pooled = await analyzeErrors(rows, { workers: 2 });
      const view = (a) => JSON.stringify({ a: Array.from(a.assignments), g: a.groups.map((g) => [g.count, g.template]) });
      process.stdout.write(JSON.stringify({ same: view(one) === view(pooled), groups: one.groups.length, events: one.total, threads: [one.normalizeThreads, pooled.normalizeThreads] }));
    `;
    writeFileSync(join(consumer, "pool-check.mjs"), script);
    const result = run(process.execPath, ["pool-check.mjs"], consumer);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ same: true, groups: 4, events: 25000, threads: [0, 2] });
  });
});

describe("the contract checks", () => {
  it("fail when an exports entry points at a missing file", () => {
    const schemas = packages.find((p) => p.name === "@faultline/schemas")!;
    const broken = { name: schemas.name, dir: join(work, "broken-schemas") };
    cpSync(schemas.dir, broken.dir, { recursive: true, filter: (src) => !src.includes("node_modules") });
    const manifestPath = join(broken.dir, "package.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    manifest.exports["."].default = "./dist/missing.js";
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));

    const packed = pack(broken, join(work, "broken-tarball"));
    expect(packed.failure).toBeUndefined();
    const brokenConsumer = join(work, "broken-consumer");
    expect(installConsumer(brokenConsumer, new Map([[broken.name, packed.tarball!]]), {})).toBeUndefined();

    const loaded = loadExports(brokenConsumer, broken.name);
    expect(loaded.failures.map((f) => f.check)).toEqual(["esm-import", "cjs-require"]);
    expect(loaded.failures[0]?.detail).toMatch(/missing\.js|ERR_MODULE_NOT_FOUND/);
    const lint = lintPackage(root, broken, packed.tarball!);
    expect(lint.map((f) => f.check)).toContain("publint");
  });
});
