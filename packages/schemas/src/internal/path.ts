/** Formats a zod-style path as `events[3].message` (empty path: `(root)`). */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][\w$-]*$/.test(key)) out += out === "" ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === "" ? "(root)" : out;
}

/** zod prefixes type errors with "Invalid input: "; the path already says where, so keep only the substance. */
export function issueDetail(message: string): string {
  return message.replace(/^Invalid input: /, "");
}
