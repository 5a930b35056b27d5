#!/usr/bin/env node
// The `faultline` CLI. Wiring only: every piece of logic lives in a @faultline/* package.
import { main } from "./main";

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
});
process.exitCode = code;
