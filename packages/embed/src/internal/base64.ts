// Float arrays travel in JSON as base64 of their little-endian bytes: exact, and 4× smaller than decimal text.

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function toLittleEndianBytes(view: Uint8Array, width: number): Uint8Array {
  if (LITTLE_ENDIAN) return view;
  const out = new Uint8Array(view.length);
  for (let i = 0; i < view.length; i += width) for (let b = 0; b < width; b++) out[i + b] = view[i + width - 1 - b]!;
  return out;
}

export function float32ToBase64(values: Float32Array): string {
  const bytes = toLittleEndianBytes(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), 4);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/** Decodes into a fresh Float32Array (optionally backed by `target`'s memory); undefined when the size is wrong. */
export function base64ToFloat32(text: string, expectedLength: number, shared = false): Float32Array | undefined {
  const raw = Buffer.from(text, "base64");
  if (raw.length !== expectedLength * 4) return undefined;
  const bytes = toLittleEndianBytes(new Uint8Array(raw.buffer, raw.byteOffset, raw.length), 4);
  const buffer = shared ? new SharedArrayBuffer(raw.length) : new ArrayBuffer(raw.length);
  new Uint8Array(buffer).set(bytes);
  return new Float32Array(buffer);
}

/** True when `text` is canonical base64 (what `float32ToBase64` writes). */
export function isBase64(text: string): boolean {
  return /^[A-Za-z0-9+/]*={0,2}$/.test(text) && text.length % 4 === 0;
}
