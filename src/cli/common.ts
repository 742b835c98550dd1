/**
 * What every `kq` command shares: the I/O it is given, usage errors, the compile options read from flags, and how a
 * query argument (or `-` for stdin) is read. Argument parsing is node:util's `parseArgs`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { createColors } from 'picocolors';
import { resolveClock, resolveTimeZone, type Diagnostic, type CompileOptions, type CustomAttribute, createCatalog, diagnosticCodes, isValidContext } from '../index.js';
import type { KqQuery } from '../node/index.js';

/**
 * The Node seam (`kustomer-query/node`: strict UTF-8 reading, the `.kq` format), loaded on first use: a command given
 * its query as an argument never loads it, which keeps `kq compile '…'` from parsing the servers and the translator.
 */
const nodeSeam = () => import('../node/index.js');
import { renderDiagnostics } from '../render/index.js';
import { schemaFromFlags } from './schemaFile.js';

/** Where the CLI reads and writes; `run` uses the process's, tests pass their own. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /**
   * The whole of standard input: its bytes (the process's; decoded strictly by {@link readStdinText}, so invalid
   * UTF-8 is an error, never U+FFFD), or text already decoded (tests).
   */
  readonly readStdin: () => Promise<Uint8Array | string>;
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
  schema: { type: 'string' },
  'no-schema': { type: 'boolean' },
  'max-length': { type: 'string' },
  verbose: { type: 'boolean' },
  'allow-empty': { type: 'boolean' },
} as const satisfies OptionTable;

/** Help lines for `compileFlags`. */
export const compileFlagsHelp = `  --context <ctx>          queryContext when the query has no context: (customer, conversation, message, …)
  --tz <zone>              timeZone when the query has no tz: (IANA name, e.g. America/New_York)
  --now <instant>          the clock for relative dates (ISO-8601 instant), default the current time
  --nested                 allow nested and/or/not groups (not documented by Kustomer)
  --custom <file.json>     the org's custom attributes: [{"name": "customer_custom_tierStr", "values": [...]}, …]
  --schema <file.json>     the org's schema (kq schema pull); default ./kustomer-schema.json when present (a note says so)
  --no-schema              do not read ./kustomer-schema.json
  --max-length <n>         the longest query accepted, in characters (UTF-16 code units), default 1048576
  --allow-empty            accept an empty query (it matches every record of the context; refused by default)
  --verbose                also print notes such as which context was chosen (KQ2015)`;

/** A string flag's value, or undefined. */
export function stringFlag(values: FlagValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/**
 * `--max-length <n>`: the longest query accepted, in UTF-16 code units (`maxLength` of the options), or undefined
 * when not given. Throws a {@link UsageError} for anything but a whole number of up to ten digits.
 */
export function maxLengthFlag(values: FlagValues): number | undefined {
  const maxLength = stringFlag(values, 'max-length');
  if (maxLength !== undefined && !/^\d{1,10}$/.test(maxLength)) throw new UsageError(`--max-length: expected a whole number of characters, got '${maxLength}'`);
  return maxLength === undefined ? undefined : Number(maxLength);
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
 * or --schema file, a --now that is not an ISO-8601 instant) are usage errors (exit 2), not query errors. The org
 * schema: schemaFile.ts (`./kustomer-schema.json` when present, with a note on `io.stderr`, else the process's).
 */
export function compileOptions(values: FlagValues, io?: Pick<CliIO, 'stderr'>): CompileOptions {
  const context = stringFlag(values, 'context');
  const tz = stringFlag(values, 'tz');
  const now = stringFlag(values, 'now');
  const custom = stringFlag(values, 'custom');
  const customAttributes = custom !== undefined ? readCustomAttributes(custom) : undefined;
  const schema = schemaFromFlags(stringFlag(values, 'schema'), values['no-schema'] === true, custom !== undefined, (t) => (io ? io.stderr(t) : process.stderr.write(t)));
  if (tz !== undefined && !resolveTimeZone(tz).ok) throw new UsageError(`--tz: unknown time zone '${tz}' (use an IANA name such as America/New_York)`);
  if (now !== undefined) {
    const clock = resolveClock(now);
    if (!clock.ok) throw new UsageError(`--now: ${clock.message}`);
  }
  if (context !== undefined && !isValidContext(context)) {
    throw new UsageError(`--context: unknown context '${context}' (customer, conversation, message, company, note, kobject, kobject_<klass>)`);
  }
  const maxLength = maxLengthFlag(values);
  return {
    ...(maxLength !== undefined ? { maxLength } : {}),
    ...(context !== undefined ? { queryContext: context } : {}),
    ...(tz !== undefined ? { timeZone: tz } : {}),
    ...(now !== undefined ? { now } : {}),
    ...(values.nested === true ? { nested: true } : {}),
    ...(customAttributes ? { customAttributes } : {}),
    ...(schema ? { schema } : {}),
  };
}

/**
 * Standard input as text, decoded strictly (text.ts `decodeUtf8`: invalid UTF-8 is a UsageError naming `stdin`, the
 * byte offset and the line; a leading byte order mark is dropped).
 */
export async function readStdinText(io: CliIO): Promise<string> {
  const input = await io.readStdin();
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
  const { decodeUtf8 } = await nodeSeam();
  try {
    return decodeUtf8(input, 'stdin');
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/**
 * The usage error for more positionals than a command takes. A positional that starts with `-` came after `--`
 * (parseArgs reads `--compact` before `--` as a flag): everything after `--` is a positional, as in other
 * command-line tools, so the hint says to put the flags before `--`, not to quote.
 */
export function tooManyArguments(positionals: readonly string[], what = 'query', command = 'compile'): UsageError {
  const flagLike = positionals.slice(1).find((a) => a.length > 1 && a.startsWith('-'));
  if (flagLike !== undefined) {
    return new UsageError(
      `expected one ${what}, got ${positionals.length} arguments: everything after '--' is read as the ${what}, so '${flagLike}' is not an option there; put the options before '--' (kq ${command} ${flagLike} -- '${positionals[0]}')`,
    );
  }
  return new UsageError(`expected one ${what}, got ${positionals.length} arguments (quote the ${what}: kq ${command} '${positionals.join(' ')}')`);
}

/**
 * The one text argument of a command that takes one text (`kq complete`, `kq decompile`): the positional, or the
 * whole of stdin (strict UTF-8) when it is `-` or absent (and stdin is not a terminal). One trailing newline is
 * dropped. Throws UsageError for more than one positional.
 */
export async function readTextArgument(positionals: string[], io: CliIO, what = 'query', command = 'compile'): Promise<string> {
  if (positionals.length > 1) throw tooManyArguments(positionals, what, command);
  const text = positionals[0];
  if (text !== undefined && text !== '-') return text;
  if (io.stdinIsTTY && text === undefined) throw new UsageError(`no ${what} given (pass it as an argument, or on stdin)`);
  return (await readStdinText(io)).replace(/\r?\n$/, '');
}

/** A `.kq` text read from stdin or a file: its name (`stdin`, the path), its content (no BOM) and its queries. */
export interface KqSource {
  readonly name: string;
  readonly content: string;
  readonly queries: readonly KqQuery[];
}

/**
 * Where a command's queries come from: one query given as the argument (never split: its newlines are white space),
 * or `.kq` texts — stdin (`-`, or no argument when stdin is not a terminal) or `--file` paths — read in the `.kq`
 * format (syntax/kqFormat.ts: one query per line, `#` comments and blank lines skipped).
 */
export type QueryInput = { readonly kind: 'argument'; readonly text: string } | { readonly kind: 'kq'; readonly sources: readonly KqSource[] };

/** The .kq files a --file argument names: the file itself, or the *.kq files of a folder (sorted); a folder with none is a UsageError. */
export function kqFiles(path: string): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new UsageError(`no such file or folder: ${path}`);
  }
  if (!stat.isDirectory()) return [path];
  const files = readdirSync(path)
    .filter((f) => f.endsWith('.kq'))
    .sort()
    .map((f) => join(path, f));
  if (files.length === 0) throw new UsageError(`${path} is a folder with no .kq files in it (nothing to read)`);
  return files;
}

/** A file read as a `.kq` text (strict UTF-8); a file that cannot be read is a UsageError. */
export async function readKqFile(path: string): Promise<KqSource> {
  const { parseKq, readTextFile, Utf8Error } = await nodeSeam();
  let content: string;
  try {
    content = readTextFile(path);
  } catch (e) {
    // A Utf8Error names the file, line and byte already.
    throw new UsageError(e instanceof Utf8Error ? e.message : `cannot read ${path}: ${(e as Error).message}`);
  }
  return { name: path, content, queries: parseKq(content) };
}

/**
 * The queries of a command (see {@link QueryInput}): `--file` paths (folders: their *.kq files), else the one
 * positional, else stdin. Throws UsageError for a query together with --file, more than one positional, no query
 * on a terminal, a file that cannot be read, invalid UTF-8.
 */
export async function readQueries(positionals: string[], values: FlagValues, io: CliIO, command: string): Promise<QueryInput> {
  const files = values.file;
  if (Array.isArray(files) || typeof files === 'string') {
    if (positionals.length) throw new UsageError('give either a query or --file, not both');
    const paths = (Array.isArray(files) ? files : [files]).map(String);
    const sources: KqSource[] = [];
    for (const path of paths.flatMap(kqFiles)) sources.push(await readKqFile(path));
    return { kind: 'kq', sources };
  }
  if (positionals.length > 1) throw tooManyArguments(positionals, 'query', command);
  const text = positionals[0];
  if (text !== undefined && text !== '-') return { kind: 'argument', text };
  if (io.stdinIsTTY && text === undefined) throw new UsageError('no query given (pass it as an argument, or on stdin)');
  const content = await readStdinText(io);
  const { parseKq } = await nodeSeam();
  return { kind: 'kq', sources: [{ name: 'stdin', content, queries: parseKq(content) }] };
}

/**
 * Refuses an empty query (KQ2030 among `diagnostics`) unless `--allow-empty`: a UsageError (exit 2), since
 * `kq compile "$Q"` with `Q` unset would otherwise print criteria that match every record. With `--allow-empty` the
 * warning is dropped (it was asked for). Returns the diagnostics to show.
 */
export function refuseEmpty(diagnostics: readonly Diagnostic[], values: FlagValues, command: string): Diagnostic[] {
  const empty = diagnostics.find((d) => d.code === emptyQueryCode);
  if (!empty) return [...diagnostics];
  if (values['allow-empty'] !== true) {
    throw new UsageError(`the query is empty (KQ2030): it would match every record of its context; pass --allow-empty to ${command} it anyway`);
  }
  return diagnostics.filter((d) => d !== empty);
}

/** KQ2030, the empty query. */
const emptyQueryCode = diagnosticCodes.EmptyQuery;

/** JSON as the commands print it: indented by two, or on one line with `--compact`. */
export function toJson(value: unknown, values: FlagValues): string {
  return values.compact === true ? JSON.stringify(value) : JSON.stringify(value, null, 2);
}

/**
 * Whether an info note is shown without `--verbose`: only when it changes what the output means —
 * - KQ1018: the list of diagnostics was cut (there are more problems than shown);
 * - KQ2015 when the context fell back to `customer` although the query names fields of other types ("the fields
 *   belong to conversation, customer"): the criteria then search customers, which is likely not what was meant.
 * Every other note (KQ2015 saying the context was inferred from the fields, or is the default for a query without
 * fields) only confirms the obvious, and is shown with `--verbose`.
 */
export function isMeaningfulInfo(d: Diagnostic): boolean {
  return d.code === diagnosticCodes.TooManyDiagnostics || (d.code === diagnosticCodes.ContextChosen && d.message.includes('the fields belong to'));
}

/** The diagnostics to show: errors, warnings, and the infos `--verbose` asks for (or {@link isMeaningfulInfo}). */
export function shownDiagnostics(diagnostics: readonly Diagnostic[], values: FlagValues): Diagnostic[] {
  return diagnostics.filter((d) => d.severity !== 'info' || values.verbose === true || isMeaningfulInfo(d)).map(cliHelp);
}

/**
 * A diagnostic's help as it applies on the command line: the API's help names options (`maxLength`) where the CLI
 * has flags (`--max-length`).
 */
export function cliHelp(d: Diagnostic): Diagnostic {
  if (d.code === diagnosticCodes.TooLong) return { ...d, help: 'Split the query, or raise the limit with --max-length <n>.' };
  return d;
}

/** Where a query stands in a `.kq` text, so that its frames show `file:line:col`: the text, its name, the query's offset. */
export interface QueryPlace {
  readonly content: string;
  readonly fileName: string;
  readonly offset: number;
}

/**
 * Errors and warnings as code frames on stderr; infos (such as which context was chosen) as one line each — the
 * ones {@link shownDiagnostics} keeps (all of them with `--verbose`); `values` absent: every diagnostic given. With
 * `place`, the frames are drawn against the whole `.kq` text the query came from.
 */
export function printDiagnostics(text: string, diagnostics: readonly Diagnostic[], io: CliIO, values?: FlagValues, place?: QueryPlace): void {
  const shown = values ? shownDiagnostics(diagnostics, values) : diagnostics.map(cliHelp);
  const framed = shown.filter((d) => d.severity !== 'info');
  const c = createColors(io.color);
  for (const d of shown.filter((d) => d.severity === 'info')) {
    io.stderr(`${c.blue(`note[${d.code}]`)}: ${d.message}${d.help ? ` ${c.dim(d.help)}` : ''}\n`);
  }
  if (!framed.length) return;
  if (place) {
    const moved = framed.map((d) => ({ ...d, span: { start: d.span.start + place.offset, end: d.span.end + place.offset } }));
    io.stderr(`${renderDiagnostics(place.content, moved, { color: io.color, fileName: place.fileName })}\n`);
  } else io.stderr(`${renderDiagnostics(text, framed, { color: io.color })}\n`);
}

/**
 * The one query of a command that runs a single query (`kq run`, `kq explain` with no --file): the argument, or the
 * only query of stdin (`.kq` format) with its place. A UsageError when stdin holds no query or several.
 */
export async function readOneQuery(positionals: string[], values: FlagValues, io: CliIO, command: string): Promise<{ text: string; place?: QueryPlace }> {
  const input = await readQueries(positionals, values, io, command);
  if (input.kind === 'argument') return { text: input.text };
  const all = input.sources.flatMap((s) => s.queries.map((q) => ({ s, q })));
  if (all.length !== 1) {
    const names = input.sources.map((s) => s.name).join(', ');
    throw new UsageError(all.length === 0 ? noQueryMessage(input.sources) : `kq ${command} takes one query; ${names} holds ${all.length}`);
  }
  const { s, q } = all[0]!;
  return { text: q.text, place: { content: s.content, fileName: s.name, offset: q.start } };
}

/** The message for `.kq` texts with no query in them. */
export function noQueryMessage(sources: readonly KqSource[]): string {
  return `no query in ${sources.map((s) => s.name).join(', ')}: only blank lines and # comments (a .kq text holds one query per line)`;
}
