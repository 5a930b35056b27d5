import { SingleBar } from "cli-progress";
import type { CommandIo } from "./command";

/** A progress reporter: a bar on a TTY stderr, nothing otherwise (pipes, CI, --quiet). */
export interface Progress {
  start(label: string, total: number): void;
  update(done: number, total?: number): void;
  stop(): void;
}

const silent: Progress = { start() {}, update() {}, stop() {} };

export function createProgress(io: CommandIo, quiet: boolean): Progress {
  if (quiet || !io.stderr.isTTY) return silent;
  let bar: SingleBar | undefined;
  return {
    start(label, total) {
      bar?.stop();
      bar = new SingleBar({
        format: `${label.padEnd(18)} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`,
        stream: io.stderr,
        hideCursor: true,
        clearOnComplete: true,
      });
      bar.start(total, 0);
    },
    update(done, total) {
      if (total !== undefined) bar?.setTotal(total);
      bar?.update(done);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
