/**
 * The REPL's dot-commands: settings (`.context`, `.tz`, `.now`, `.nested`), looking things up (`.fields`,
 * `.describe`), reading queries back (`.explain`, `.format`, `.decompile`), records (`.load`), `.help` and `.exit`.
 * Each takes the rest of the line as its argument and returns a {@link ReplResult}; none throws on bad input.
 */
import { contextSuggestions, createCatalog, isValidContext, listFields, resolveClock, resolveTimeZone, decompile, describe, fieldDetail, explainQuery, instantInWords, format } from '../../index.js';
import { connectFromEnv } from './live.js';
import { byteSize, loadRecords, maxLoadBytes, maxLoadRecords } from './records.js';
import type { ReplResult, ReplSession } from './session.js';

/** A dot-command: its name, argument synopsis, one line of help, and what it does. */
interface ReplCommand {
  readonly name: string;
  readonly args: string;
  readonly help: string;
  run(session: ReplSession, arg: string): ReplResult | Promise<ReplResult>;
}

const ok = (command: string, output: string, data?: unknown): ReplResult => ({ kind: 'command', command, ok: true, output, ...(data !== undefined ? { data } : {}) });
const fail = (command: string, output: string): ReplResult => ({ kind: 'command', command, ok: false, output });

const offWords = new Set(['none', 'off', 'clear', 'unset', 'default']);

/** The commands, in the order `.help` lists them. */
export const replCommands: readonly ReplCommand[] = [
  {
    name: '.context',
    args: '[ctx|none]',
    help: 'show or set the queryContext used when a query has no context: (none: infer it from the fields)',
    run(session, arg) {
      const s = session.settings;
      if (arg === '') return ok('.context', s.queryContext ? `context: ${s.queryContext}` : 'context: not set (a query without context: searches the one object its fields share, else customer)', { queryContext: s.queryContext ?? null });
      if (offWords.has(arg)) {
        delete s.queryContext;
        return ok('.context', 'context: not set', { queryContext: null });
      }
      if (!isValidContext(arg)) {
        const hint = contextSuggestions(arg, createCatalog(session.options().customAttributes).catalog);
        return fail('.context', `unknown context '${arg}'${hint.length ? ` (did you mean ${hint.join(', ')}?)` : ''}; contexts: customer, conversation, message, company, note, kobject, kobject_<klass>`);
      }
      s.queryContext = arg;
      return ok('.context', `context: ${arg}`, { queryContext: arg });
    },
  },
  {
    name: '.tz',
    args: '[zone|none]',
    help: 'show or set the time zone used when a query has no tz: (an IANA name; none: GMT, as Kustomer)',
    run(session, arg) {
      const s = session.settings;
      if (arg === '') return ok('.tz', s.timeZone ? `tz: ${s.timeZone}` : 'tz: not set (local days are read in GMT, as Kustomer does)', { timeZone: s.timeZone ?? null });
      if (offWords.has(arg)) {
        delete s.timeZone;
        return ok('.tz', 'tz: not set', { timeZone: null });
      }
      const zone = resolveTimeZone(arg);
      if (!zone.ok) return fail('.tz', `unknown time zone '${arg}' (use an IANA name such as America/New_York)`);
      s.timeZone = zone.zone;
      return ok('.tz', `tz: ${zone.zone}`, { timeZone: zone.zone });
    },
  },
  {
    name: '.now',
    args: '[instant|real]',
    help: 'show or fix the clock relative dates resolve against (an ISO-8601 instant; real: the current time)',
    run(session, arg) {
      const s = session.settings;
      if (arg === '') {
        const clock = resolveClock(s.now);
        const when = clock.ok ? instantInWords(clock.epochMs, s.timeZone) : '';
        return ok('.now', s.now ? `now: ${s.now} (fixed; ${when})` : `now: the real time (${when})`, { now: s.now ?? null });
      }
      if (arg === 'real' || offWords.has(arg)) {
        delete s.now;
        return ok('.now', 'now: the real time', { now: null });
      }
      const clock = resolveClock(arg);
      if (!clock.ok) return fail('.now', `${clock.message}`);
      s.now = new Date(clock.epochMs).toISOString();
      return ok('.now', `now: ${s.now} (fixed)`, { now: s.now });
    },
  },
  {
    name: '.nested',
    args: '[on|off]',
    help: 'show or set whether queries may compile to nested and/or/not groups (not documented by Kustomer)',
    run(session, arg) {
      const s = session.settings;
      if (arg === 'on' || arg === 'true') s.nested = true;
      else if (arg === 'off' || arg === 'false') s.nested = false;
      else if (arg !== '') return fail('.nested', "expected 'on' or 'off'");
      return ok('.nested', `nested: ${s.nested ? 'on' : 'off'}`, { nested: s.nested });
    },
  },
  {
    name: '.fields',
    args: '[pattern]',
    help: 'list the fields whose name matches (a substring, or a glob with * and ?), with kind and values',
    run(session, arg) {
      const fields = listFields(createCatalog(session.options().customAttributes).catalog, arg || undefined);
      if (fields.length === 0) return fail('.fields', `no field matches '${arg}'`);
      const width = Math.max(...fields.map((f) => f.name.length));
      const context = session.settings.queryContext ?? null;
      const lines = fields.map((f) => `${f.name.padEnd(width)}  ${fieldDetail(f, context)}`);
      return ok('.fields', `${lines.join('\n')}\n${fields.length} field(s)`, fields.map((f) => f.name));
    },
  },
  {
    name: '.describe',
    args: '<field|text>',
    help: "describe a field (kind, type, values, operators, sortable), a directive, an operator's or a value's meaning",
    run(session, arg) {
      if (arg === '') return fail('.describe', 'usage: .describe <field>, e.g. .describe conversation_status');
      const d = describe(arg, 0, session.options());
      if (!d) return fail('.describe', `nothing to describe in '${arg}'`);
      return ok('.describe', `${d.title}\n${d.summary}`, d);
    },
  },
  {
    name: '.explain',
    args: '[query]',
    help: 'the query (default: the last one) in plain English, from the criteria it compiles to',
    run(session, arg) {
      const query = arg || session.lastQuery;
      if (query === null) return fail('.explain', 'no query yet: .explain <query>, or run a query first');
      const e = explainQuery(query, session.options());
      if (e.text === undefined) {
        return { kind: 'command', command: '.explain', ok: false, output: 'The query has errors, so it cannot be explained.', diagnostics: e.diagnostics.filter((d) => d.severity !== 'info'), source: query };
      }
      return ok('.explain', e.text, { text: e.text });
    },
  },
  {
    name: '.format',
    args: '[query]',
    help: 'the canonical text of the query (default: the last one)',
    run(session, arg) {
      const query = arg || session.lastQuery;
      if (query === null) return fail('.format', 'no query yet: .format <query>, or run a query first');
      const f = format(query);
      if (f.text === undefined) {
        return { kind: 'command', command: '.format', ok: false, output: 'The query has syntax errors, so it cannot be formatted.', diagnostics: f.diagnostics, source: query };
      }
      return ok('.format', f.text, { text: f.text });
    },
  },
  {
    name: '.decompile',
    args: '<json>',
    help: 'the query text for Kustomer criteria JSON (a search body)',
    run(session, arg) {
      if (arg === '') return fail('.decompile', 'usage: .decompile {"queryContext":"conversation","and":[…]}');
      let json: unknown;
      try {
        json = JSON.parse(arg);
      } catch (e) {
        return fail('.decompile', `not JSON: ${e instanceof Error ? e.message : String(e)}`);
      }
      const d = decompile(json, session.options());
      const shown = d.diagnostics.filter((x) => x.severity !== 'info');
      if (d.text === undefined) {
        return { kind: 'command', command: '.decompile', ok: false, output: 'These criteria cannot be written as a query.', diagnostics: shown, source: arg };
      }
      return { kind: 'command', command: '.decompile', ok: true, output: d.text, data: { text: d.text }, ...(shown.length ? { diagnostics: shown, source: arg } : {}) };
    },
  },
  {
    name: '.load',
    args: '<records.ndjson>|none',
    help: `load records (NDJSON: one JSON object per line, or a JSON array; a regular file of at most ${byteSize(maxLoadBytes)}); then each query also shows how many of them match`,
    async run(session, arg) {
      if (arg === '') {
        return session.records
          ? ok('.load', `${session.records.length} record(s) loaded from ${session.recordsSource}`, { loaded: session.records.length })
          : fail('.load', 'usage: .load <records.ndjson> (one JSON object per line); .load none unloads them');
      }
      if (offWords.has(arg)) {
        session.records = null;
        session.recordsSource = '';
        return ok('.load', 'no records loaded', { loaded: 0 });
      }
      // Streamed record by record, within the size and record limits: the file is never read whole.
      let chunks: AsyncIterable<Uint8Array | string>;
      const maxBytes = session.limits.maxLoadBytes ?? maxLoadBytes;
      try {
        chunks = session.host.read(arg, maxBytes);
      } catch (e) {
        return fail('.load', `cannot read ${arg}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const parsed = await loadRecords(chunks, session.limits.maxLoadRecords ?? maxLoadRecords, maxBytes);
      if (!parsed.ok) return fail('.load', `cannot load ${arg}: ${parsed.message}`);
      session.records = parsed.records;
      session.recordsSource = arg;
      return ok('.load', `loaded ${parsed.records.length} record(s) from ${arg}`, { loaded: parsed.records.length });
    },
  },
  {
    name: '.connect',
    args: '[off]',
    help: 'connect to the org in KUSTOMER_BASE_URL with KUSTOMER_API_KEY; then each query also shows its total and first records there',
    async run(session, arg) {
      if (offWords.has(arg) || arg === 'off') {
        session.live = null;
        return ok('.connect', 'disconnected', { connected: false });
      }
      if (arg !== '') return fail('.connect', 'usage: .connect (from KUSTOMER_API_KEY and KUSTOMER_BASE_URL), .connect off');
      const c = await connectFromEnv(session.host.env ?? process.env);
      if (!c.ok) return fail('.connect', c.message);
      session.live = c.connection;
      return ok('.connect', `connected to ${c.connection.baseUrl} (${c.customers} customer(s)); queries now run there too, .more pages on`, { connected: true, baseUrl: c.connection.baseUrl });
    },
  },
  {
    name: '.more',
    args: '',
    help: 'the next page of the last query from the connected org',
    async run(session) {
      if (session.live === null) return fail('.more', 'not connected: .connect first');
      const more = await session.live.more();
      if (typeof more === 'string') return fail('.more', more);
      if (more.error) return fail('.more', more.error);
      const lines = more.first.map((r) => JSON.stringify(r));
      return ok('.more', [`page ${more.page} of ${more.totalPages} (${more.total} record(s)):`, ...lines].join('\n'), more);
    },
  },
  {
    name: '.help',
    args: '',
    help: 'this list',
    run() {
      const width = Math.max(...replCommands.map((c) => `${c.name} ${c.args}`.length));
      const lines = replCommands.map((c) => `${`${c.name} ${c.args}`.padEnd(width)}  ${c.help}`);
      return ok(
        '.help',
        [
          'Type a query to see its criteria JSON (or what is wrong with it). TAB completes; an open ( or " continues on the next line.',
          ...lines,
          'Ctrl-C clears the line, Ctrl-D exits.',
        ].join('\n'),
      );
    },
  },
  {
    name: '.exit',
    args: '',
    help: 'leave (also Ctrl-D)',
    run() {
      return { kind: 'exit' };
    },
  },
];

const byName = new Map(replCommands.map((c) => [c.name, c]));

/** Runs the dot-command line `line` (starting with `.`) in `session`. */
export function runCommand(session: ReplSession, line: string): ReplResult | Promise<ReplResult> {
  const space = line.search(/\s/);
  const name = space < 0 ? line : line.slice(0, space);
  const arg = space < 0 ? '' : line.slice(space).trim();
  const command = byName.get(name);
  if (!command) {
    const close = replCommands.filter((c) => c.name.startsWith(name.slice(0, 3))).map((c) => c.name);
    return fail(name, `unknown command ${name}${close.length ? ` (did you mean ${close.join(', ')}?)` : ''}; .help lists them`);
  }
  return command.run(session, arg);
}
