/**
 * Runs the kernel's passes on the calling thread plus `threads - 1` worker threads, synchronously.
 *
 * The workers evaluate the kernel's own source (`new Worker(code, { eval: true })`), so the same code runs from
 * TypeScript source (vitest, tsx) and from the built package, with no worker file to locate. State is shared
 * through SharedArrayBuffers; the calling thread blocks in `Atomics.wait` (allowed on Node's main thread) while
 * the workers finish, which keeps `dbscan` synchronous.
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { PREFIX } from "./errors";
import { CTRL, createKernel, type Kernel, type KernelState, kernelSource, PASS } from "./kernel";

/** Runs one pass to completion on every thread. */
export interface Runner {
  run(pass: number, onTask: ((done: number) => void) | null): void;
  close(): void;
}

const WORKER_CODE = (source: string): string => `"use strict";
// esbuild's keepNames (tsx, vitest) wraps functions in __name(); it is a no-op here.
var __name = (f) => f;
const { workerData } = require("node:worker_threads");
const { state, thread, port } = workerData;
const ctrl = state.ctrl;
try {
  const kernel = (0, eval)("(" + ${JSON.stringify(source)} + ")")();
  kernel.workerLoop(state, thread, (m) => port.postMessage(m));
} catch (error) {
  port.postMessage(String(error && error.stack ? error.stack : error));
  Atomics.store(ctrl, ${CTRL.error}, 1);
  Atomics.store(ctrl, ${CTRL.abort}, 1);
  Atomics.add(ctrl, ${CTRL.ack}, 1);
  Atomics.notify(ctrl, ${CTRL.ack});
}
`;

/** Creates the runner; with `threads` > 1 every typed array of `state` must live in a SharedArrayBuffer. */
export function createRunner(state: KernelState, threads: number, kernel: Kernel = createKernel()): Runner {
  const ctrl = state.ctrl;
  if (threads <= 1) {
    return {
      run(pass, onTask) {
        ctrl[CTRL.next] = 0;
        kernel.runPass(state, pass, 0, onTask);
      },
      close() {},
    };
  }
  const code = WORKER_CODE(kernelSource());
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  for (let t = 1; t < threads; t++) {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1);
    const worker = new Worker(code, {
      eval: true,
      workerData: { state, thread: t, port: port2 },
      transferList: [port2],
    });
    worker.unref();
    workers.push(worker);
  }
  const others = threads - 1;
  const failure = (): Error => {
    const messages: string[] = [];
    for (const port of ports) {
      for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
        messages.push(String(m.message));
      }
    }
    return new Error(`${PREFIX} a worker thread failed: ${messages.join("\n") || "no message"}`);
  };
  return {
    run(pass, onTask) {
      Atomics.store(ctrl, CTRL.next, 0);
      Atomics.store(ctrl, CTRL.ack, 0);
      Atomics.store(ctrl, CTRL.cmd, pass);
      Atomics.add(ctrl, CTRL.gen, 1);
      Atomics.notify(ctrl, CTRL.gen);
      kernel.runPass(state, pass, 0, onTask);
      for (;;) {
        const acks = Atomics.load(ctrl, CTRL.ack);
        if (acks >= others || Atomics.load(ctrl, CTRL.error) !== 0) break;
        Atomics.wait(ctrl, CTRL.ack, acks);
      }
      if (Atomics.load(ctrl, CTRL.error) !== 0) throw failure();
    },
    close() {
      Atomics.store(ctrl, CTRL.abort, 1);
      Atomics.store(ctrl, CTRL.cmd, PASS.exit);
      Atomics.add(ctrl, CTRL.gen, 1);
      Atomics.notify(ctrl, CTRL.gen);
      for (const port of ports) port.close();
    },
  };
}
