import * as z from "zod";

const urlSchema = z.url();

/**
 * Sets `target[key] = value` as an own data property, as `JSON.parse` makes them. Plain assignment treats a
 * `__proto__` key (legal in JSON, so in any payload field) as the prototype setter: the field would vanish, or
 * an object value would become the target's prototype.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__")
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Deep copy of plain data without `undefined` members, so optional fields are absent rather than undefined. */
export function stripUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => stripUndefined(v)) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) setOwn(out, k, stripUndefined(v));
    return out as T;
  }
  return value;
}

/** A non-empty string, or undefined for anything else (null, "", numbers…). */
export function text(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/** A non-empty string or a finite number rendered as a string (provider ids come as either). */
export function idText(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return text(value);
}

/** First line of a commit message, trimmed; undefined when empty. */
export function firstLine(value: unknown): string | undefined {
  const s = text(value);
  if (s === undefined) return undefined;
  const line = s.split(/\r?\n/, 1)[0]!.trim();
  return line.length > 0 ? line : undefined;
}

/** The value when it is a URL our schemas accept, else undefined (providers send "" or null for "no URL"). */
export function optionalUrl(value: unknown): string | undefined {
  const s = text(value);
  return s !== undefined && urlSchema.safeParse(s).success ? s : undefined;
}

/** A positive integer (pull request numbers), parsed from a number or a decimal string. */
export function positiveInt(value: unknown): number | undefined {
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === "number" && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** `refs/heads/main` → `main`; tags and other refs are returned as they are. */
export function branchFromRef(ref: unknown): string | undefined {
  const s = text(ref);
  if (s === undefined) return undefined;
  return s.startsWith("refs/heads/") ? s.slice("refs/heads/".length) || undefined : s;
}

/**
 * `owner/name` from a repository URL in any of the usual forms: `https://host/owner/name(.git)`,
 * `git@host:owner/name.git`, `ssh://git@host:22/owner/name.git`. Nested groups are kept (`group/sub/name`).
 */
export function repositoryFromUrl(value: unknown): string | undefined {
  const s = text(value);
  if (s === undefined) return undefined;
  const scp = /^[\w.-]+@[\w.-]+:(?!\d+\/)(.+?)(?:\.git)?\/?$/.exec(s);
  if (scp) return scp[1];
  try {
    const path = new URL(s).pathname.replace(/\.git\/?$/, "").replace(/^\/+|\/+$/g, "");
    return path.includes("/") ? decodeURIComponent(path) : undefined;
  } catch {
    return undefined;
  }
}
