/**
 * vpdc: the provincial digital data center on one machine. `vpdc <command> --help` for each.
 */
import { UsageError, runCommand, type Command } from './cli/command';

/**
 * Each command's module, loaded only when it runs: `vpdc ingest` then loads neither DuckDB, the
 * API nor the AWS SDK (all commands loaded, the process held 290 MB before reading a byte;
 * ingest's own modules, 100 MB).
 */
const COMMANDS: Record<string, () => Command> = {
  demo: () => (require('./cli/demo') as typeof import('./cli/demo')).demoCommand,
  generate: () => (require('./cli/generate') as typeof import('./cli/generate')).generateCommand,
  ingest: () => (require('./cli/ingest') as typeof import('./cli/ingest')).ingestCommand,
  query: () => (require('./cli/query') as typeof import('./cli/query')).queryCommand,
  sql: () => (require('./cli/sql') as typeof import('./cli/sql')).sqlCommand,
  serve: () => (require('./cli/serve') as typeof import('./cli/serve')).serveCommand,
  token: () => (require('./cli/token') as typeof import('./cli/token')).tokenCommand,
  validate: () => (require('./cli/validate') as typeof import('./cli/validate')).validateCommand,
};

function help(): string {
  const commands = Object.values(COMMANDS).map((load) => load());
  return `Usage: vpdc <command> [options]

The provincial digital data center (Vĩnh Phúc), as code: contracts, lake, ETL, SQL.

Commands:
${commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Run "vpdc <command> --help" for a command's options.`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name ? 0 : 2;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) throw new UsageError(`unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')}`);
  return runCommand(load(), rest);
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
