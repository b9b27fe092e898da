/**
 * vpdc: the provincial digital data center on one machine. `vpdc <command> --help` for each.
 */
import { UsageError, runCommand, type Command } from './cli/command';
import { demoCommand } from './cli/demo';
import { generateCommand } from './cli/generate';
import { ingestCommand } from './cli/ingest';
import { queryCommand } from './cli/query';
import { serveCommand } from './cli/serve';
import { sqlCommand } from './cli/sql';
import { tokenCommand } from './cli/token';
import { validateCommand } from './cli/validate';

const COMMANDS: Command[] = [
  demoCommand,
  generateCommand,
  ingestCommand,
  queryCommand,
  sqlCommand,
  serveCommand,
  tokenCommand,
  validateCommand,
];

const HELP = `Usage: vpdc <command> [options]

The provincial digital data center (Vĩnh Phúc), as code: contracts, lake, ETL, SQL.

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Run "vpdc <command> --help" for a command's options.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(HELP);
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command "${name}"; commands: ${COMMANDS.map((c) => c.name).join(', ')}`);
  return runCommand(command, rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`vpdc: ${error.message} (see vpdc ${process.argv[2] ?? ''} --help)`.replace('  --help', ' --help'));
      process.exitCode = 2;
    } else {
      console.error(`vpdc: ${(error as Error).message ?? String(error)}`);
      process.exitCode = 1;
    }
  },
);
