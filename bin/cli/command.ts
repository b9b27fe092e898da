import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A CLI command: its usage text and what it does with the parsed arguments. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(args: {
    values: Record<string, string | boolean | string[] | undefined>;
    positionals: string[];
  }): Promise<number>;
}

/** A mistake in how the command was called: printed as one line with a pointer to --help. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export async function runCommand(command: Command, argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${command.usage.trim()}\n`);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return command.run(parsed as never);
}

/** Writes a progress line on a terminal only (never into piped or --json output). */
export function progress(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${text}`);
}

export function progressDone(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
