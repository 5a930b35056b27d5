import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** One scikit-learn reference case (see test/fixtures/dbscan-ref/NOTICE.md). */
export interface RefCase {
  name: string;
  n: number;
  d: number;
  eps: number;
  min_samples: number;
  weighted: boolean;
  clusters: number;
  noise: number;
  min_abs_distance_minus_eps: number;
}

const dir = new URL("../fixtures/dbscan-ref/", import.meta.url);

function bytes(file: string): ArrayBuffer {
  const buf = readFileSync(fileURLToPath(new URL(file, dir)));
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
}

export const refCases: RefCase[] = JSON.parse(readFileSync(fileURLToPath(new URL("cases.json", dir)), "utf8"));

export function loadCase(c: RefCase): { data: Float32Array; labels: Int32Array; weights: Float32Array | undefined } {
  return {
    data: new Float32Array(bytes(`${c.name}.f32`)),
    labels: new Int32Array(bytes(`${c.name}.labels.i32`)),
    weights: c.weighted ? new Float32Array(bytes(`${c.name}.w.f32`)) : undefined,
  };
}
