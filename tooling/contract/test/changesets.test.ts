// Changesets are parsed by @changesets/cli at release time; a formatter once rewrote their frontmatter
// into a Markdown heading, which only failed at release. This keeps every pending changeset well-formed.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { publishablePackages, workspaceRoot } from "../src/index";

const root = workspaceRoot(import.meta.dirname);
const dir = join(root, ".changeset");
const files = readdirSync(dir).filter((f) => f.endsWith(".md") && f !== "README.md");
const packageNames = new Set(publishablePackages(root).map((p) => p.name));
const FRONTMATTER = /^---\n((?:"[^"\n]+": (?:major|minor|patch)\n)+)---\n\n\S/;

describe("pending changesets", () => {
  it.each(files)("%s has frontmatter naming published packages and a summary", (file) => {
    const text = readFileSync(join(dir, file), "utf8");
    const match = FRONTMATTER.exec(text);
    expect(match, `${file} must start with ---, "name": bump lines, ---, a blank line and a summary`).not.toBeNull();
    const names = [...match![1]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    for (const name of names) expect(packageNames.has(name!), `${file} names ${name}`).toBe(true);
  });

  it("rejects the heading a Markdown formatter makes of the frontmatter", () => {
    expect(FRONTMATTER.test('---\n\n## "@faultline/embed": minor\n\nNew models.\n')).toBe(false);
    expect(FRONTMATTER.test('---\n"@faultline/embed": minor\n---\n\nNew models.\n')).toBe(true);
  });
});
