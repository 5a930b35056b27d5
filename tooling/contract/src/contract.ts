import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pnpmCommand, run, workspaceBin } from "./exec";

/** A publishable package of the workspace. */
export interface PublishablePackage {
  name: string;
  dir: string;
}

/** One failed check, named so a reader knows which step and package broke. */
export interface ContractFailure {
  packageName: string;
  check: "pack" | "install" | "esm-import" | "cjs-require" | "typescript" | "publint" | "attw";
  detail: string;
}

/** Every non-private package under `packages/`. */
export function publishablePackages(root: string): PublishablePackage[] {
  const base = join(root, "packages");
  return readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(base, entry.name))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({ name: manifest.name as string, dir }));
}

/** Packs a package with pnpm (which rewrites `workspace:` ranges) and returns the tarball path. */
export function pack(pkg: PublishablePackage, destination: string): { tarball?: string; failure?: ContractFailure } {
  const pnpm = pnpmCommand();
  const result = run(pnpm.command, [...pnpm.prefix, "pack", "--pack-destination", destination], pkg.dir);
  const tarball = result.stdout
    .trim()
    .split("\n")
    .map((line) => line.trim())
    .reverse()
    .find((line) => line.endsWith(".tgz"));
  if (!result.ok || !tarball) {
    return { failure: { packageName: pkg.name, check: "pack", detail: result.stderr || result.stdout } };
  }
  return { tarball: tarball.startsWith("/") ? tarball : join(destination, tarball) };
}

/**
 * Installs tarballs into a fresh npm project outside the workspace, the way a user would.
 * `overrides` make packages that depend on each other resolve to the local tarballs, not the registry.
 * Install scripts are skipped: optional native peers (better-sqlite3) are not needed to load a package.
 */
export function installConsumer(
  project: string,
  tarballs: ReadonlyMap<string, string>,
  extraDependencies: Readonly<Record<string, string>>,
): ContractFailure | undefined {
  mkdirSync(project, { recursive: true });
  const local = Object.fromEntries([...tarballs].map(([name, file]) => [name, `file:${file}`]));
  const manifest = {
    name: "faultline-contract-consumer",
    private: true,
    type: "module",
    dependencies: { ...local, ...extraDependencies },
    overrides: local,
  };
  writeFileSync(join(project, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const result = run("npm", ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], project);
  if (!result.ok) return { packageName: "(all)", check: "install", detail: result.stderr || result.stdout };
  return undefined;
}

/** The export names a package has when loaded from ESM and from CommonJS, in the consumer project. */
export function loadExports(
  project: string,
  packageName: string,
): { esm?: string[]; cjs?: string[]; failures: ContractFailure[] } {
  const failures: ContractFailure[] = [];
  const spec = JSON.stringify(packageName);
  const esm = run(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `const m = await import(${spec}); process.stdout.write(JSON.stringify(Object.keys(m).sort()));`,
    ],
    project,
  );
  if (!esm.ok) failures.push({ packageName, check: "esm-import", detail: esm.stderr });
  const cjs = run(
    process.execPath,
    [
      "--input-type=commonjs",
      "-e",
      `const m = require(${spec}); process.stdout.write(JSON.stringify(Object.keys(m).filter((k) => k !== "__esModule" && k !== "module.exports").sort()));`,
    ],
    project,
  );
  if (!cjs.ok) failures.push({ packageName, check: "cjs-require", detail: cjs.stderr });
  return {
    ...(esm.ok ? { esm: JSON.parse(esm.stdout) as string[] } : {}),
    ...(cjs.ok ? { cjs: JSON.parse(cjs.stdout) as string[] } : {}),
    failures,
  };
}

/** Type-checks a TypeScript consumer that imports every package, with `moduleResolution: nodenext`. */
export function typecheckConsumer(
  root: string,
  project: string,
  packageNames: readonly string[],
): ContractFailure | undefined {
  const lines = packageNames.map((name, i) => `import * as m${i} from ${JSON.stringify(name)};`);
  lines.push(`export const modules: readonly object[] = [${packageNames.map((_, i) => `m${i}`).join(", ")}];`);
  writeFileSync(join(project, "consumer.ts"), `${lines.join("\n")}\n`);
  const tsconfig = {
    compilerOptions: {
      module: "nodenext",
      moduleResolution: "nodenext",
      target: "es2022",
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: ["node"],
    },
    files: ["consumer.ts"],
  };
  writeFileSync(join(project, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`);
  const result = run(workspaceBin(root, "tsc"), ["-p", "tsconfig.json"], project);
  if (!result.ok)
    return { packageName: packageNames.join(", "), check: "typescript", detail: result.stdout || result.stderr };
  return undefined;
}

/** publint (strict) on the package directory and `attw --profile esm-only` on its tarball. */
export function lintPackage(root: string, pkg: PublishablePackage, tarball: string): ContractFailure[] {
  const failures: ContractFailure[] = [];
  const publint = run(workspaceBin(root, "publint"), ["--strict", pkg.dir], root);
  if (!publint.ok) failures.push({ packageName: pkg.name, check: "publint", detail: publint.stdout || publint.stderr });
  const attw = run(workspaceBin(root, "attw"), [tarball, "--profile", "esm-only", "--format", "ascii"], root);
  if (!attw.ok) failures.push({ packageName: pkg.name, check: "attw", detail: attw.stdout || attw.stderr });
  return failures;
}
