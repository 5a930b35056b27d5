// RFC 3986 characters that may appear unescaped in a path, query or authority (pchar, "/" and "?").
// "%", "#", "[" and "]" are always escaped so that a decoded string comes back exactly.
const SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?]/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

function escapeUnsafe(value: string): string {
  let out = "";
  for (const ch of value) out += SAFE.test(ch) ? ch : encodeURIComponent(ch);
  return out;
}

/** Whether an escaped string parses as an RFC 3986 URI-reference (scheme, authority and first-segment rules). */
function wellFormed(escaped: string): boolean {
  let rest = escaped;
  const scheme = SCHEME.exec(escaped);
  if (scheme) rest = escaped.slice(scheme[0].length);
  else if (escaped.split(/[/?]/, 1)[0]!.includes(":")) return false; // would read as a scheme
  if (!rest.startsWith("//")) return true;
  const authority = rest.slice(2).split(/[/?]/, 1)[0]!;
  return /^(?:[^@]*@)?[^:@]*(?::\d*)?$/.test(authority);
}

/**
 * Encodes any string as a valid URI-reference (CDEvents `context.source`), reversibly: a string that is
 * already a clean URI-reference is kept as it is except for `%`, `#`, `[`, `]` and characters outside
 * RFC 3986, which are percent-encoded. Throws URIError on lone surrogates, which name no characters.
 */
export function encodeUriReference(value: string): string {
  const escaped = escapeUnsafe(value);
  if (wellFormed(escaped)) return escaped;
  // Escaping every ":" and a leading "//" leaves a plain relative path, which is always well formed.
  return escaped.replace(/:/g, "%3A").replace(/^\/\//, "%2F/");
}

/** Inverse of {@link encodeUriReference}; a foreign value with malformed escapes is returned unchanged. */
export function decodeUriReference(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Whether a string is an absolute RFC 3986 URI as it stands (JSON Schema `format: "uri"`). */
export function isAbsoluteUri(value: string): boolean {
  if (!SCHEME.test(value)) return false;
  if (!/^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})*$/.test(value)) return false;
  const hash = value.indexOf("#");
  if (hash >= 0 && value.indexOf("#", hash + 1) >= 0) return false;
  return wellFormed(hash >= 0 ? value.slice(0, hash) : value);
}
