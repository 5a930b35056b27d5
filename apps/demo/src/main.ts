// Dispatches `faultline <command>`: parses argv, maps errors to exit codes (1 input, 2 usage) and prints help.

import {
  type Command,
  type CommandIo,
  commandHelp,
  EXIT,
  type ExitCode,
  InputError,
  parseCommandArgs,
  UsageError,
} from "./command";
import { analyzeCommand } from "./commands/analyze";
import { changesCommand } from "./commands/changes";
import { demoCommand } from "./commands/demo";
import { deploysCommand } from "./commands/deploys";
import { diffCommand } from "./commands/diff";
import { serveCommand } from "./commands/serve";

export const COMMANDS: readonly Command[] = [
  analyzeCommand,
  diffCommand,
  deploysCommand,
  changesCommand,
  serveCommand,
  demoCommand,
];

export function mainHelp(): string {
  return [
    "faultline: why deployments fail, and what deployments did to the product",
    "",
    "Usage: faultline <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
    "",
    "Run `faultline <command> --help` for its options and examples. Exit codes: 0 ok, 1 input error, 2 usage error.",
    "Start with `faultline demo`: every story on the bundled sample, report.html included.",
    "",
  ].join("\n");
}

export async function main(argv: readonly string[], io: CommandIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(mainHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr.write(`faultline: unknown command ${JSON.stringify(name)}\n\n${mainHelp()}`);
    return EXIT.usage;
  }
  try {
    const { _: positionals, ...values } = parseCommandArgs(command, rest);
    if (values.help === true) {
      io.stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    return await command.run({ positionals, values, io });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(
        `faultline ${command.name}: ${error.message}\nRun \`faultline ${command.name} --help\` for usage.\n`,
      );
      return EXIT.usage;
    }
    if (error instanceof InputError) {
      io.stderr.write(`faultline ${command.name}: ${error.message}\n`);
      return EXIT.input;
    }
    if (error instanceof TypeError || error instanceof RangeError) {
      // Library validation of user-provided values (a bad time zone, an impossible window) is an input error.
      io.stderr.write(`faultline ${command.name}: ${error.message}\n`);
      return EXIT.input;
    }
    throw error;
  }
}
