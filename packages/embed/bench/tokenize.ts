// The bench's tokenizer is the pipeline's: @faultline/normalize masks variable parts (ids, hosts, numbers…), strips
// vendor frames and tokenises. The same tokens feed every model compared.
import { normalizeMessage } from "@faultline/normalize";

export function tokenize(line: string): string[] {
  return [...normalizeMessage(line).tokens];
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
