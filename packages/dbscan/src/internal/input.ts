import type { Points } from "../types";
import { PREFIX, show } from "./errors";

/** Validated points: a row-major matrix holding the input values exactly. */
export interface PackedMatrix {
  /** Float32Array whenever every value is exactly representable in float32 (half the memory, faster reads). */
  X: Float32Array | Float64Array;
  n: number;
  d: number;
  /** Some value is so large or so small that ‖x‖² over- or underflows: normalise before multiplying. */
  extreme: boolean;
}

// Beyond these, squares and products of raw values leave float64's comfortable range.
const HUGE = 1e100;
const TINY = 1e-100;

/** Smallest positive normal float64: a sum of squares under it has lost its precision. */
const MIN_NORMAL = 2.2250738585072014e-308;

/** Whether a row with this ‖x‖² has a direction under cosine: not zero, not overflowed, not under MIN_NORMAL. */
export function hasDirection(sumOfSquares: number): boolean {
  return sumOfSquares >= MIN_NORMAL && sumOfSquares !== Number.POSITIVE_INFINITY;
}

/** A value whose square or products could over- or underflow (see {@link PackedMatrix.extreme}). */
export function isExtremeValue(v: number): boolean {
  const a = Math.abs(v);
  return a > HUGE || (a < TINY && a !== 0);
}

function isMatrix(points: unknown): points is { data: unknown; rows: unknown; cols: unknown } {
  return typeof points === "object" && points !== null && !Array.isArray(points) && "data" in points;
}

function checkCount(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new TypeError(`${PREFIX} ${name} must be a non-negative integer (got ${show(value)})`);
  }
  return value;
}

/** Finite check over a flat array; reports the offending row and column. Returns whether values are extreme. */
function scan(data: ArrayLike<number>, d: number, name: (row: number, col: number) => string): boolean {
  let extreme = false;
  for (let k = 0; k < data.length; k++) {
    const v = data[k];
    if (v - v !== 0) {
      // NaN or ±Infinity (v - v is NaN for both).
      const row = d === 0 ? 0 : Math.floor(k / d);
      throw new RangeError(`${PREFIX} ${name(row, k - row * d)} must be a finite number (got ${show(v)})`);
    }
    if (isExtremeValue(v)) extreme = true;
  }
  return extreme;
}

function fitsFloat32(data: ArrayLike<number>): boolean {
  for (let k = 0; k < data.length; k++) if (Math.fround(data[k]) !== data[k]) return false;
  return true;
}

/**
 * Validates `points` (an array of equal-length rows or a dense matrix) and returns them row-major.
 * @throws TypeError for a wrong shape (ragged rows, a length that disagrees with rows × cols, a non-number)
 * @throws RangeError for NaN or ±Infinity, naming the row and column
 */
export function packPoints(points: Points, argName = "points"): PackedMatrix {
  if (isMatrix(points)) {
    const { data } = points;
    const n = checkCount(points.rows, `${argName}.rows`);
    const d = checkCount(points.cols, `${argName}.cols`);
    if (!(data instanceof Float32Array || data instanceof Float64Array)) {
      throw new TypeError(`${PREFIX} ${argName}.data must be a Float32Array or Float64Array (got ${show(data)})`);
    }
    if (data.length !== n * d) {
      throw new TypeError(
        `${PREFIX} ${argName}.data has ${data.length} values, expected rows × cols = ${n} × ${d} = ${n * d}`,
      );
    }
    const extreme = scan(data, d, (row, col) => `${argName}.data[${row * d + col}] (row ${row}, column ${col})`);
    const X = data instanceof Float64Array && fitsFloat32(data) ? Float32Array.from(data) : data;
    return { X, n, d, extreme };
  }
  if (!Array.isArray(points)) {
    throw new TypeError(
      `${PREFIX} ${argName} must be an array of rows or { data, rows, cols } (got ${show(points as unknown)})`,
    );
  }
  const n = points.length;
  if (n === 0) return { X: new Float32Array(0), n: 0, d: 0, extreme: false };
  const first = points[0] as ArrayLike<number> | undefined;
  if (first === null || typeof first !== "object" || typeof first.length !== "number") {
    throw new TypeError(`${PREFIX} ${argName}[0] must be an array of numbers (got ${show(first)})`);
  }
  const d = first.length;
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = points[i] as ArrayLike<number> | undefined;
    if (row === null || typeof row !== "object" || typeof row.length !== "number") {
      throw new TypeError(`${PREFIX} ${argName}[${i}] must be an array of numbers (got ${show(row)})`);
    }
    if (row.length !== d) {
      throw new TypeError(
        `${PREFIX} ${argName}[${i}] has ${row.length} values, expected ${d} (the length of ${argName}[0])`,
      );
    }
    for (let j = 0; j < d; j++) {
      const v = row[j];
      if (typeof v !== "number") {
        throw new TypeError(`${PREFIX} ${argName}[${i}][${j}] must be a number (got ${show(v)})`);
      }
      X[i * d + j] = v;
    }
  }
  const extreme = scan(X, d, (row, col) => `${argName}[${row}][${col}]`);
  return { X: fitsFloat32(X) ? Float32Array.from(X) : X, n, d, extreme };
}
