/**
 * What every `kq` command shares: the I/O it is given, usage errors, the compile options read from flags, and how a
 * query argument (or `-` for stdin) is read. Argument parsing is node:util's `parseArgs`.
 */
import { readFileSync } from 'node:fs';
import type { ParseArgsConfig } from 'node:util';
import { createColors } from 'picocolors';
import { resolveClock, resolveTimeZone, type Diagnostic, type CompileOptions, type CustomAttribute, createCatalog, isValidContext } from '../index.js';
import { renderDiagnostics } from '../render/index.js';

/** Where the CLI reads and writes; `run` uses the process's, tests pass their own. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The whole of standard input. */
  readonly readStdin: () => Promise<string>;
  /** True when standard input is a terminal (then no query on stdin is waited for). */
  readonly stdinIsTTY: boolean;
  /** Colour for diagnostics on stderr (already resolved from the terminal, NO_COLOR, --color and --no-color). */
  readonly color: boolean;
  /** Standard input as a stream, for commands that read records one at a time; absent in most tests. */
  readonly stdin?: NodeJS.ReadableStream;
}

/** A wrong command line: printed as `kq: <message>` with a pointer to `--help`, exit status 2. */
export class UsageError extends Error {}

/** The option table type `parseArgs` takes. */
export type OptionTable = NonNullable<ParseArgsConfig['options']>;

/** Parsed flag values: strings, booleans, or lists of strings for `multiple` options. */
export type FlagValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/**
 * One `kq` command. `main` parses the command's own `options` together with the global ones (`--help`,
 * `--version`, `--color`, `--no-color`) and calls `run` with the positionals after the command name.
 */
export interface Command {
  /** The names the command answers to; the first is the one shown in usage. */
  readonly names: readonly string[];
  /** Lines for `kq --help`, already indented, e.g. `  kq fields [pattern]      list the searchable fields`. */
  readonly usage: string;
  /** Lines describing the command's options, shown under the usage. Optional. */
  readonly optionsHelp?: string;
  readonly options: OptionTable;
  /** Returns the exit status: 0 success, 1 errors in the input, 2 usage (throw UsageError for those). */
  readonly run: (name: string, positionals: string[], values: FlagValues, io: CliIO) => Promise<number> | number;
}

/** The flags that set compile options, shared by every command that compiles. */
export const compileFlags = {
  context: { type: 'string' },
  tz: { type: 'string' },
  now: { type: 'string' },
  nested: { type: 'boolean' },
  custom: { type: 'string' },
} as const satisfies OptionTable;

/** Help lines for `compileFlags`. */
export const compileFlagsHelp = `  --context <ctx>          queryContext when the query has no context: (customer, conversation, message, …)
  --tz <zone>              timeZone when the query has no tz: (IANA name, e.g. America/New_York)
  --now <instant>          the clock for relative dates (ISO-8601 instant), default the current time
  --nested                 allow nested and/or/not groups (not documented by Kustomer)
  --custom <file.json>     the org's custom attributes: [{"name": "customer_custom_tierStr", "values": [...]}, …]`;

/** A string flag's value, or undefined. */
export function stringFlag(values: FlagValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** Reads `--custom <file.json>`: a JSON array of custom attributes, checked by `createCatalog`. Throws UsageError. */
export function readCustomAttributes(path: string): CustomAttribute[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read custom attributes from ${path}: ${(e as Error).message}`);
  }
  if (!Array.isArray(json)) throw new UsageError(`${path} must hold a JSON array of custom attributes`);
  const customAttributes = json as CustomAttribute[];
  const { problems } = createCatalog(customAttributes);
  if (problems.length) throw new UsageError(`${path}: ${problems.map((p) => `'${p.name}': ${p.message}`).join('; ')}`);
  return customAttributes;
}

/**
 * The CompileOptions the `compileFlags` give. Bad values (unknown time zone or context, an unreadable --custom
 * file, a --now that is not an ISO-8601 instant) are usage errors (exit 2), not query errors.
 */
export function compileOptions(values: FlagValues): CompileOptions {
  const context = stringFlag(values, 'context');
  const tz = stringFlag(values, 'tz');
  const now = stringFlag(values, 'now');
  const custom = stringFlag(values, 'custom');
  const customAttributes = custom !== undefined ? readCustomAttributes(custom) : undefined;
  if (tz !== undefined && !resolveTimeZone(tz).ok) throw new UsageError(`--tz: unknown time zone '${tz}' (use an IANA name such as America/New_York)`);
  if (now !== undefined) {
    const clock = resolveClock(now);
    if (!clock.ok) throw new UsageError(`--now: ${clock.message}`);
  }
  if (context !== undefined && !isValidContext(context)) {
    throw new UsageError(`--context: unknown context '${context}' (customer, conversation, message, company, note, kobject, kobject_<klass>)`);
  }
  return {
    ...(context !== undefined ? { queryContext: context } : {}),
    ...(tz !== undefined ? { timeZone: tz } : {}),
    ...(now !== undefined ? { now } : {}),
    ...(values.nested === true ? { nested: true } : {}),
    ...(customAttributes ? { customAttributes } : {}),
  };
}

/**
 * The one text argument of a command: the positional, or the whole of stdin when it is `-` or absent (and stdin is
 * not a terminal). One trailing newline is dropped. Throws UsageError for more than one positional.
 */
export async function readTextArgument(positionals: string[], io: CliIO, what = 'query'): Promise<string> {
  if (positionals.length > 1) throw new UsageError(`expected one ${what}, got ${positionals.length} arguments (quote the ${what})`);
  const text = positionals[0];
  if (text !== undefined && text !== '-') return text;
  if (io.stdinIsTTY && text === undefined) throw new UsageError(`no ${what} given (pass it as an argument, or on stdin)`);
  return (await io.readStdin()).replace(/\r?\n$/, '');
}

/** JSON as the commands print it: indented by two, or on one line with `--compact`. */
export function toJson(value: unknown, values: FlagValues): string {
  return values.compact === true ? JSON.stringify(value) : JSON.stringify(value, null, 2);
}

/** Errors and warnings as code frames on stderr; infos (such as which context was chosen) as one line each. */
export function printDiagnostics(text: string, diagnostics: readonly Diagnostic[], io: CliIO): void {
  const framed = diagnostics.filter((d) => d.severity !== 'info');
  const c = createColors(io.color);
  for (const d of diagnostics.filter((d) => d.severity === 'info')) {
    io.stderr(`${c.blue(`note[${d.code}]`)}: ${d.message}${d.help ? ` ${c.dim(d.help)}` : ''}\n`);
  }
  if (framed.length) io.stderr(`${renderDiagnostics(text, framed, { color: io.color })}\n`);
}
