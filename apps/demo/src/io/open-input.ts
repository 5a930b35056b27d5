// Opens a command's input: a file (optionally gzip-compressed) or stdin for "-". Problems that the user can fix
// (missing file, a directory, no permission) become InputErrors that name the path.
import { createReadStream, statSync } from "node:fs";
import { resolve } from "node:path";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { type CommandIo, InputError } from "../command";

/** A readable byte stream and the name to show in messages. */
export interface OpenedInput {
  stream: AsyncIterable<Uint8Array | string>;
  name: string;
}

export function openInput(path: string, io: CommandIo): OpenedInput {
  if (path === "-") return { stream: io.stdin as AsyncIterable<Uint8Array>, name: "stdin" };
  const full = resolve(io.cwd, path);
  let size: number;
  try {
    const stat = statSync(full);
    if (stat.isDirectory()) throw new InputError(`${path}: is a directory, expected a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: ${code === "ENOENT" ? "no such file" : ((error as Error).message ?? code)}`);
  }
  const file = createReadStream(full);
  const stream: Readable = path.endsWith(".gz") ? file.pipe(createGunzip()) : file;
  // Surface read errors (EACCES, corrupt gzip) as input errors naming the file.
  const checked = Readable.from(
    (async function* () {
      try {
        for await (const chunk of stream) yield chunk as Uint8Array;
      } catch (error) {
        throw new InputError(`${path}: ${(error as Error).message}`);
      }
    })(),
  );
  void size;
  return { stream: checked, name: path };
}

/** Reads a whole (small) text input: metric CSVs, truth files. */
export async function readText(path: string, io: CommandIo): Promise<string> {
  const { stream } = openInput(path, io);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === "string" ? Buffer.from(c) : Buffer.from(c));
  return Buffer.concat(chunks).toString("utf8");
}
