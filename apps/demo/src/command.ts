import { parseArgs } from "node:util";

/** Exit codes of the `faultline` CLI. */
export const EXIT = { ok: 0, input: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A usage mistake (unknown option, missing argument): exit code 2 and a pointer to --help. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Unreadable or invalid input: exit code 1. */
export class InputError extends Error {
  override readonly name = "InputError";
}

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  /** Placeholder shown in help, e.g. `<file>`. */
  value?: string;
  description: string;
  multiple?: boolean;
}

/** Where a command writes: stdout for results, stderr for progress and diagnostics. */
export interface CommandIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  cwd: string;
}

export interface CommandContext {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
  io: CommandIo;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  examples: readonly string[];
  run(ctx: CommandContext): Promise<ExitCode>;
}

/** Options every command accepts. */
export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  quiet: { type: "boolean", short: "q", description: "no progress bars or notes on stderr" },
  help: { type: "boolean", short: "h", description: "show this help" },
};

/** Parses argv for one command, turning every parse problem into a UsageError. */
export function parseCommandArgs(
  command: Command,
  argv: readonly string[],
): CommandContext["values"] & { _: string[] } {
  const options = { ...command.options, ...COMMON_OPTIONS };
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: Object.fromEntries(
        Object.entries(options).map(([name, spec]) => [
          name,
          {
            type: spec.type,
            ...(spec.short ? { short: spec.short } : {}),
            ...(spec.multiple ? { multiple: true } : {}),
          },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
    return { ...(values as CommandContext["values"]), _: positionals };
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^.*?TypeError.*?: /, ""), { cause: error });
  }
}

/** Help text of one command, generated from its spec so it cannot drift from the parser. */
export function commandHelp(command: Command): string {
  const options = { ...command.options, ...COMMON_OPTIONS };
  const rows = Object.entries(options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : "    "}--${name}${spec.value ? ` ${spec.value}` : ""}`;
    return `  ${flag.padEnd(30)} ${spec.description}`;
  });
  return [
    `faultline ${command.name}: ${command.summary}`,
    "",
    `Usage: ${command.usage}`,
    "",
    "Options:",
    ...rows,
    "",
    "Examples:",
    ...command.examples.map((e) => `  ${e}`),
    "",
  ].join("\n");
}

/** Reads a string option that must be a finite number, with a usage error naming the option. */
export function numberOption(values: CommandContext["values"], name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== "string" || raw.trim() === "" || !Number.isFinite(value)) {
    throw new UsageError(`--${name} expects a number (got ${JSON.stringify(raw)})`);
  }
  return value;
}

/** Reads a string option restricted to a set of choices. */
export function choiceOption<T extends string>(
  values: CommandContext["values"],
  name: string,
  choices: readonly T[],
): T | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== "string" || !(choices as readonly string[]).includes(raw)) {
    throw new UsageError(`--${name} must be one of ${choices.join(", ")} (got ${JSON.stringify(raw)})`);
  }
  return raw as T;
}

/** Reads `--time-zone`: an IANA zone the runtime knows, or a usage error naming the flag. Default UTC. */
export function timeZoneOption(values: Record<string, unknown>, name = "time-zone"): string | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  try {
    new Intl.DateTimeFormat("en", { timeZone: String(raw) });
  } catch {
    throw new UsageError(`--${name}: unknown time zone ${JSON.stringify(raw)} (an IANA name such as Europe/Paris)`);
  }
  return String(raw);
}
