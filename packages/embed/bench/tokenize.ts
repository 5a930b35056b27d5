// The bench's tokenizer: lower-case, split on whitespace and punctuation, mask any token holding a digit.
// A stand-in until @faultline/normalize publishes its tokenizer; the same one feeds every model compared.
const SPLIT = /[\s,;:=()[\]{}"'<>|`*]+/;

export function tokenize(line: string): string[] {
  const out: string[] = [];
  for (const raw of line.toLowerCase().split(SPLIT)) {
    const token = raw.replace(/^[.\-/]+|[.\-/]+$/g, "");
    if (token.length === 0) continue;
    out.push(/\d/.test(token) ? "<num>" : token);
  }
  return out;
}

/** Groups identical token sequences: unique documents, their counts, and each input line's unique index. */
export function dedupe(docs: readonly string[][]): { unique: string[][]; counts: number[]; of: Int32Array } {
  const seen = new Map<string, number>();
  const unique: string[][] = [];
  const counts: number[] = [];
  const of = new Int32Array(docs.length);
  docs.forEach((doc, i) => {
    const key = doc.join("\u0000");
    let u = seen.get(key);
    if (u === undefined) {
      u = unique.length;
      seen.set(key, u);
      unique.push(doc);
      counts.push(0);
    }
    counts[u]! += 1;
    of[i] = u;
  });
  return { unique, counts, of };
}
