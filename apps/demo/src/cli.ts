#!/usr/bin/env node
// The `faultline` CLI. Wiring only: every piece of logic lives in a @faultline/* package.
process.stdout.write("faultline: no commands yet\n");
