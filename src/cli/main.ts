/**
 * `kq`: the command line, a thin layer over the public API (argument parsing is node:util's `parseArgs`, colours
 * are picocolors'). Exit codes: 0 success, 1 the query (or a file of queries) has errors, 2 usage errors.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createColors } from 'picocolors';
import { allowedOperators, naturalMatch } from '../check/operators.js';
import { compile } from '../compile.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { renderDiagnostics } from '../diagnostics/render.js';
import type { CompileOptions, CustomAttribute } from '../options.js';
import { createCatalog, isSortable, listFields, sortableFields, sortOnlyFields } from '../schema/fields.js';
import { version } from './version.js';
import { resolveClock, resolveTimeZone } from '../dates/index.js';
import { isValidContext } from '../schema/fields.js';

/** Where the CLI reads and writes; `run` uses the process's, tests pass their own. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The whole of standard input. */
  readonly readStdin: () => Promise<string>;
  /** True when standard input is a terminal (then no query on stdin is waited for). */
  readonly stdinIsTTY: boolean;
  /** Colour for diagnostics on stderr. */
  readonly color: boolean;
}

const usage = `kq — compile search queries to Kustomer search criteria

Usage:
  kq compile [query|-]     compile a query (from the argument, or stdin) and print the criteria JSON
  kq compile --file <f>    compile every query in a .kq file (one per line, # comments) or a folder of them
  kq check [query|-]       only check: print diagnostics, exit 1 on errors
  kq fields [pattern]      list the searchable fields with kind, type and allowed values (--sortable: sort keys)

Options for compile and check:
  --context <ctx>          queryContext when the query has no context: (customer, conversation, message, …)
  --tz <zone>              timeZone when the query has no tz: (IANA name, e.g. America/New_York)
  --now <instant>          the clock for relative dates (ISO-8601 instant), default the current time
  --nested                 allow nested and/or/not groups (not documented by Kustomer)
  --custom <file.json>     the org's custom attributes: [{"name": "customer_custom_tierStr", "values": [...]}, …]
  --compact                print JSON on one line
  --json                   print {criteria, diagnostics} as JSON (machine-readable diagnostics)
  --no-color               no colour in diagnostics (also NO_COLOR, or when stderr is not a terminal)
  -h, --help               this help
  -v, --version            the version

Exit status: 0 ok, 1 query errors, 2 usage errors.`;

const options = {
  context: { type: 'string' },
  tz: { type: 'string' },
  now: { type: 'string' },
  nested: { type: 'boolean' },
  custom: { type: 'string' },
  compact: { type: 'boolean' },
  json: { type: 'boolean' },
  file: { type: 'string', multiple: true },
  sortable: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

class UsageError extends Error {}

/** Runs `kq` with `argv` (without node and script) and returns the exit status. Never throws. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (e instanceof UsageError || (e instanceof Error && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      io.stderr(`kq: ${e.message}\nRun 'kq --help' for usage.\n`);
      return 2;
    }
    io.stderr(`kq: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

async function dispatch(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  if (values.version) {
    io.stdout(`${version}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    io.stdout(`${usage}\n`);
    return command === undefined && !values.help ? 2 : 0;
  }
  const color = values['no-color'] ? false : values.color ? true : io.color;
  switch (command) {
    case 'compile':
    case 'check':
      return compileCommand(command, rest, values, { ...io, color });
    case 'fields':
      return fieldsCommand(rest, values, io);
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

function compileOptions(values: Values): CompileOptions {
  let customAttributes: CustomAttribute[] | undefined;
  if (values.custom !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(values.custom, 'utf8'));
    } catch (e) {
      throw new UsageError(`cannot read custom attributes from ${values.custom}: ${(e as Error).message}`);
    }
    if (!Array.isArray(json)) throw new UsageError(`${values.custom} must hold a JSON array of custom attributes`);
    customAttributes = json as CustomAttribute[];
    const { problems } = createCatalog(customAttributes);
    if (problems.length) throw new UsageError(`${values.custom}: ${problems.map((p) => `'${p.name}': ${p.message}`).join('; ')}`);
  }
  // Bad option values are usage errors (exit 2), not query errors.
  if (values.tz !== undefined && !resolveTimeZone(values.tz).ok) throw new UsageError(`--tz: unknown time zone '${values.tz}' (use an IANA name such as America/New_York)`);
  if (values.now !== undefined) {
    const clock = resolveClock(values.now);
    if (!clock.ok) throw new UsageError(`--now: ${clock.message}`);
  }
  if (values.context !== undefined && !isValidContext(values.context)) {
    throw new UsageError(`--context: unknown context '${values.context}' (customer, conversation, message, company, note, kobject, kobject_<klass>)`);
  }
  return {
    ...(values.context !== undefined ? { queryContext: values.context } : {}),
    ...(values.tz !== undefined ? { timeZone: values.tz } : {}),
    ...(values.now !== undefined ? { now: values.now } : {}),
    ...(values.nested ? { nested: true } : {}),
    ...(customAttributes ? { customAttributes } : {}),
  };
}

/** The .kq files a --file argument names: the file itself, or the *.kq files of a folder (sorted). */
function queryFiles(path: string): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new UsageError(`no such file or folder: ${path}`);
  }
  if (!stat.isDirectory()) return [path];
  return readdirSync(path)
    .filter((f) => f.endsWith('.kq'))
    .sort()
    .map((f) => join(path, f));
}

async function compileCommand(command: 'compile' | 'check', rest: string[], values: Values, io: CliIO): Promise<number> {
  const opts = compileOptions(values);
  const json = (v: unknown) => (values.compact ? JSON.stringify(v) : JSON.stringify(v, null, 2));

  if (values.file) {
    if (rest.length) throw new UsageError('give either a query or --file, not both');
    let failed = false;
    for (const path of values.file.flatMap(queryFiles)) {
      const content = readFileSync(path, 'utf8');
      const lines = content.split(/\r?\n/);
      let lineStart = 0;
      lines.forEach((line, i) => {
        const offset = lineStart + (line.length - line.trimStart().length);
        lineStart += line.length + (content[lineStart + line.length] === '\r' ? 2 : 1);
        const text = line.trim();
        if (!text || text.startsWith('#')) return;
        const result = compile(text, opts);
        if (!result.criteria) failed = true;
        if (values.json) {
          io.stdout(`${JSON.stringify({ file: path, line: i + 1, query: text, criteria: result.criteria, diagnostics: result.diagnostics })}\n`);
          return;
        }
        io.stdout(`# ${path}:${i + 1}\n${text}\n`);
        if (result.criteria && command === 'compile') io.stdout(`${json(result.criteria)}\n\n`);
        else if (result.criteria) io.stdout('ok\n\n');
        // Frames are drawn against the whole file, so they show the file's own line numbers.
        const shown = result.diagnostics
          .filter((d) => d.severity !== 'info' || !result.criteria)
          .map((d) => ({ ...d, span: { start: d.span.start + offset, end: d.span.end + offset } }));
        if (shown.length) io.stdout(`${renderDiagnostics(content, shown, { color: false, fileName: path })}\n\n`);
      });
    }
    return failed ? 1 : 0;
  }

  if (rest.length > 1) throw new UsageError(`expected one query, got ${rest.length} arguments (quote the query)`);
  let text = rest[0];
  if (text === undefined || text === '-') {
    if (io.stdinIsTTY && text === undefined) throw new UsageError('no query given (pass it as an argument, or on stdin)');
    text = (await io.readStdin()).replace(/\r?\n$/, '');
  }
  const result = compile(text, opts);
  if (values.json) {
    io.stdout(`${json({ criteria: result.criteria ?? null, diagnostics: result.diagnostics })}\n`);
    return result.criteria ? 0 : 1;
  }
  printDiagnostics(text, result.diagnostics, io);
  if (!result.criteria) return 1;
  if (command === 'compile') io.stdout(`${json(result.criteria)}\n`);
  return 0;
}

/** Errors and warnings as code frames; infos (such as which context was chosen) as one line each. */
function printDiagnostics(text: string, diagnostics: readonly Diagnostic[], io: CliIO): void {
  const framed = diagnostics.filter((d) => d.severity !== 'info');
  const c = createColors(io.color);
  for (const d of diagnostics.filter((d) => d.severity === 'info')) {
    io.stderr(`${c.blue(`note[${d.code}]`)}: ${d.message}${d.help ? ` ${c.dim(d.help)}` : ''}\n`);
  }
  if (framed.length) io.stderr(`${renderDiagnostics(text, framed, { color: io.color })}\n`);
}

function fieldsCommand(rest: string[], values: Values, io: CliIO): number {
  if (rest.length > 1) throw new UsageError('kq fields takes at most one pattern');
  const opts = compileOptions(values);
  const { catalog } = createCatalog(opts.customAttributes);
  if (values.sortable) {
    const context = opts.queryContext ?? 'customer';
    const names = [...new Set([...sortableFields, `${context.startsWith('kobject') ? 'kobject' : context}_created_at`, `${context.startsWith('kobject') ? 'kobject' : context}_updated_at`])]
      .filter((n) => isSortable(n, context))
      .filter((n) => !rest[0] || n.toLowerCase().includes(rest[0].toLowerCase()));
    if (values.json) io.stdout(`${JSON.stringify(names, null, 2)}\n`);
    else io.stdout(`${names.map((n) => (sortOnlyFields.has(n) ? `${n}  (sort only)` : n)).join('\n')}\n`);
    return 0;
  }
  const fields = listFields(catalog, rest[0]);
  if (values.json) {
    io.stdout(`${JSON.stringify(fields.map((f) => ({ ...f, operators: allowedOperators(f.kind) })), null, 2)}\n`);
    return 0;
  }
  const c = createColors(io.color);
  const width = Math.max(4, ...fields.map((f) => f.name.length));
  const lines = fields.map((f) => {
    const extra = f.enum ? `one of ${f.enum.join(', ')}` : f.collection ? `${f.collection.replace(/s$/, '')} id (24 hex)` : '';
    return `${f.name.padEnd(width)}  ${c.cyan(f.kind.padEnd(18))} ${f.schemaType ?? ''}${extra ? `  ${c.dim(extra)}` : ''}`;
  });
  io.stdout(`${lines.join('\n')}\n${c.dim(`${fields.length} field(s). ':' means ${[...new Set(fields.map((f) => `${naturalMatch(f.kind)} on ${f.kind}`))].slice(0, 3).join('; ')}…`)}\n`);
  return fields.length ? 0 : 1;
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
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    stdinIsTTY: process.stdin.isTTY === true,
    color: process.stderr.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb',
  };
  process.exitCode = await main(process.argv.slice(2), io);
}

// Run when executed directly (`node --import tsx src/cli/main.ts …`); `bin/kq.js` calls run() itself.
if (process.argv[1] && /[\\/]src[\\/]cli[\\/]main\.ts$/.test(process.argv[1])) void run();
