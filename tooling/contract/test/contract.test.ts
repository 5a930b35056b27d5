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
