/**
 * `kq`: the command line, a thin layer over the public API (argument parsing is node:util's `parseArgs`, colours
 * are picocolors'). One module per command in commands/, loaded only when that command runs (commands/index.ts):
 * this module imports no command and nothing of the compiler, so `kq --version` starts at bare Node speed. Exit codes: 0 success, 1 the input has errors, 2 usage
 * errors.
 */
import { parseArgs } from 'node:util';
import { commands, type LazyCommand } from './commands/index.js';
import type { CliIO, Command, FlagValues, OptionTable } from './common.js';
import { version } from './version.js';

export type { CliIO } from './common.js';

/** Flags every command takes. */
const globalFlags = {
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies OptionTable;

/** The text of `kq --help`: loads every command for its usage lines. */
async function usage(): Promise<string> {
  const all = await Promise.all(commands.map((c) => c.load()));
  return `kq — compile search queries to Kustomer search criteria, and back

Usage:
${all.map((c) => c.usage).join('\n')}

${all
  .map((c) => c.optionsHelp)
  .filter(Boolean)
  .join('\n\n')}

Options for every command:
  --no-color               no colour (also NO_COLOR, or when the output is not a terminal); --color forces it
  -h, --help               this help
  -v, --version            the version

Exit status: 0 ok, 1 errors in the input, 2 usage errors.`;
}

/** Runs `kq` with `argv` (without node and script) and returns the exit status. Never throws. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    const negated = e instanceof Error && 'code' in e && e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? negatedQueryArgument(argv) : undefined;
    if (negated !== undefined) {
      const { name } = findCommand(argv);
      io.stderr(`kq: '${negated}' starts with '-', so it is read as options; a query that starts with a negation goes after '--': kq ${name ?? 'compile'} -- '${negated}'\nRun 'kq --help' for usage.\n`);
      return 2;
    }
    const unknown = e instanceof Error && 'code' in e && e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /^Unknown option '([^']*)'/.exec(e.message)?.[1] : undefined;
    if (unknown !== undefined) {
      // Node's own message goes on with a hint whose quotes do not balance (`as in '-- "--x"`): ours names the command.
      const { name } = findCommand(argv);
      const which = name !== undefined && !name.startsWith('-') ? ` for kq ${name}` : '';
      io.stderr(`kq: unknown option '${unknown}'${which}. A query that starts with '-' goes after '--'.\nRun 'kq --help' for usage.\n`);
      return 2;
    }
    const { UsageError } = await import('./common.js');
    if (e instanceof UsageError || (e instanceof Error && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      io.stderr(`kq: ${e.message}\nRun 'kq --help' for usage.\n`);
      return 2;
    }
    io.stderr(`kq: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

/**
 * The first argument before any `--` that looks like a query negated with `-` (`-conversation_status:done`,
 * `-"refund"`) rather than a cluster of short flags: `-` then a character that is not `-`, and more than two
 * characters in all. parseArgs reads it as options (`Unknown option '-c'`), and its own hint (`-- "-c"`) names only
 * the first letter; the right form is the whole query after `--`.
 */
function negatedQueryArgument(argv: readonly string[]): string | undefined {
  for (const a of argv) {
    if (a === '--') return undefined;
    if (a.length > 2 && a.startsWith('-') && a[1] !== '-') return a;
  }
  return undefined;
}

/** The command is the first argument that is not one of the global flags; its own flags may come before or after. */
function findCommand(argv: readonly string[]): { command: LazyCommand | undefined; name: string | undefined; index: number } {
  const index = argv.findIndex((a) => !globalFlagArgs.has(a));
  const name = index >= 0 ? argv[index] : undefined;
  if (name === undefined || name.startsWith('-')) return { command: undefined, name, index };
  return { command: commands.find((c) => c.names.includes(name)), name, index };
}

/** The global flags as they can be written. */
const globalFlagArgs: ReadonlySet<string> = new Set(['-h', '-v', '--help', '--version', '--color', '--no-color']);

async function dispatch(argv: readonly string[], io: CliIO): Promise<number> {
  const found = findCommand(argv);
  const { name, index } = found;
  const command: Command | undefined = found.command ? await found.command.load() : undefined;
  const options: OptionTable = { ...(command?.options ?? {}), ...globalFlags };
  const args = command ? [...argv.slice(0, index), ...argv.slice(index + 1)] : [...argv];
  const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
  if (values.version) {
    io.stdout(`${version}\n`);
    return 0;
  }
  if (values.help || name === undefined || name === 'help') {
    io.stdout(`${await usage()}\n`);
    return name === undefined && !values.help ? 2 : 0;
  }
  if (!command) {
    const { UsageError } = await import('./common.js');
    throw new UsageError(`unknown command '${name}'`);
  }
  const color = values['no-color'] ? false : values.color ? true : io.color;
  return command.run(name, positionals, values as FlagValues, { ...io, color });
}

/** Runs `kq` on the real process: argv, stdio, exit code. Colour follows the terminal and NO_COLOR. */
export async function run(): Promise<void> {
  // A closed pipe (`kq … | head -1`) ends the output quietly, as with other command-line tools.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const io: CliIO = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    // Bytes, decoded strictly by the commands (common.ts readStdinText): invalid UTF-8 is an error, not U+FFFD.
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    stdinIsTTY: process.stdin.isTTY === true,
    stdin: process.stdin,
    color: process.stderr.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb',
  };
  process.exitCode = await main(process.argv.slice(2), io);
}

// Run when executed directly (`node --import tsx src/cli/main.ts …`); `bin/kq.js` calls run() itself.
if (process.argv[1] && /[\\/]src[\\/]cli[\\/]main\.ts$/.test(process.argv[1])) void run();
