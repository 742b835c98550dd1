/**
 * The REPL session: its settings (context, time zone, clock, nested groups, custom attributes), the records loaded
 * with `.load`, the last query, and what one input gives — a compiled query (criteria or diagnostics, and the
 * loaded records it matches, through the evaluator's `search`) or a dot-command's output. No terminal here: the
 * readline loop (terminal.ts), the piped loop (piped.ts) and the tests all drive a session through
 * {@link ReplSession.run}, which is asynchronous because `.load` streams its file (one input at a time: the loops
 * wait for each result before the next input).
 */
import { compile, type Diagnostic, type Criteria, type CompileOptions, type CustomAttribute } from '../../index.js';
import { SearchError, search } from '../../evaluate/index.js';
import { runCommand } from './commands.js';
import type { LiveConnection, RemoteSummary } from './live.js';

/** How many matching records a query shows after its count. */
export const shownMatches = 3;

/**
 * The loaded records' answer to a query: `total` matching records (in the query's context), the `first` few in the
 * query's sort order; or `error` when the evaluator could not run the criteria.
 */
export interface MatchSummary {
  readonly total: number;
  readonly loaded: number;
  readonly first: readonly unknown[];
  readonly error?: string;
}

/**
 * What one input gave:
 * - `query`: the text, its `criteria` (present exactly when it compiled) and `diagnostics`, and `matches` when
 *   records are loaded and it compiled;
 * - `command`: a dot-command (`.tz`, …): `ok` false for a usage error or a failed action, `output` the text shown,
 *   `data` the structured result for JSON output (e.g. the decompiled text);
 * - `empty`: a blank line; `exit`: `.exit`.
 */
export type ReplResult =
  | {
      readonly kind: 'query';
      readonly query: string;
      readonly criteria?: Criteria;
      readonly diagnostics: readonly Diagnostic[];
      readonly matches?: MatchSummary;
      /** When connected (`.connect`): the org's total and first page for the query. */
      readonly remote?: RemoteSummary;
    }
  | { readonly kind: 'command'; readonly command: string; readonly ok: boolean; readonly output: string; readonly data?: unknown; readonly diagnostics?: readonly Diagnostic[]; readonly source?: string }
  | { readonly kind: 'empty' }
  | { readonly kind: 'exit' };

/** The session's settings, as compile options take them. `now` undefined means the real clock. */
export interface SessionSettings {
  queryContext?: string;
  timeZone?: string;
  now?: string;
  nested: boolean;
  customAttributes?: readonly CustomAttribute[];
}

/**
 * What a session reads from outside: the bytes of a file for `.load` (tests pass their own). `read(path, maxBytes)`
 * yields the file's content in chunks (bytes, or text), and throws (while iterated) an Error saying why it cannot:
 * the file is missing, not a regular file, or over `maxBytes` bytes. The real one is `openRecordFile` with
 * `regularOnly` (node/recordReader.ts).
 */
export interface SessionHost {
  read(path: string, maxBytes: number): AsyncIterable<Uint8Array | string>;
  /** The environment `.connect` reads (KUSTOMER_API_KEY, KUSTOMER_BASE_URL); default the process's. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Limits of a session: the most bytes `.load` reads and records it keeps (defaults: records.ts). */
export interface SessionLimits {
  readonly maxLoadBytes?: number;
  readonly maxLoadRecords?: number;
}

/** One REPL session. */
export class ReplSession {
  readonly settings: SessionSettings;
  /** The records `.load` read, or null. */
  records: unknown[] | null = null;
  /** Where the records came from. */
  recordsSource = '';
  /** The last query that was run (for `.explain` and `.format` without an argument). */
  lastQuery: string | null = null;
  /** The live connection `.connect` made (live.ts), or null. */
  live: LiveConnection | null = null;

  constructor(
    initial: CompileOptions,
    readonly host: SessionHost,
    readonly limits: SessionLimits = {},
  ) {
    this.settings = {
      nested: initial.nested === true,
      ...(initial.queryContext !== undefined ? { queryContext: initial.queryContext } : {}),
      ...(initial.timeZone !== undefined ? { timeZone: initial.timeZone } : {}),
      ...(initial.now !== undefined ? { now: String(initial.now) } : {}),
      ...(initial.customAttributes !== undefined ? { customAttributes: initial.customAttributes } : {}),
    };
  }

  /** The compile options the session's settings give. */
  options(): CompileOptions {
    const s = this.settings;
    return {
      ...(s.queryContext !== undefined ? { queryContext: s.queryContext } : {}),
      ...(s.timeZone !== undefined ? { timeZone: s.timeZone } : {}),
      ...(s.now !== undefined ? { now: s.now } : {}),
      ...(s.nested ? { nested: true } : {}),
      ...(s.customAttributes !== undefined ? { customAttributes: s.customAttributes } : {}),
    };
  }

  /** Runs one input: a dot-command when it starts with `.` and a letter, else a query. Never rejects. */
  async run(input: string): Promise<ReplResult> {
    const text = input.trim();
    if (text === '') return { kind: 'empty' };
    if (/^\.[A-Za-z]/.test(text)) {
      try {
        return await runCommand(this, text);
      } catch (e) {
        return { kind: 'command', command: text.split(/\s/, 1)[0]!, ok: false, output: `internal error: ${e instanceof Error ? e.message : String(e)}` };
      }
    }
    const result = this.query(input);
    if (this.live === null || result.kind !== 'query' || !result.criteria) return result;
    return { ...result, remote: await this.live.page(result.criteria) };
  }

  /** Compiles a query, and runs it over the loaded records. */
  query(text: string): ReplResult {
    this.lastQuery = text;
    const result = compile(text, this.options());
    if (!result.criteria) return { kind: 'query', query: text, diagnostics: result.diagnostics };
    const matches = this.records ? this.match(result.criteria) : undefined;
    return { kind: 'query', query: text, criteria: result.criteria, diagnostics: result.diagnostics, ...(matches ? { matches } : {}) };
  }

  /** The loaded records the criteria match, through the evaluator. */
  private match(criteria: Criteria): MatchSummary {
    const records = this.records ?? [];
    const custom = this.settings.customAttributes;
    try {
      const page = search(criteria, records, { pageSize: shownMatches, ...(custom ? { customAttributes: custom } : {}) });
      return { total: page.meta.total, loaded: records.length, first: page.data };
    } catch (e) {
      const message = e instanceof SearchError ? e.message : e instanceof Error ? e.message : String(e);
      return { total: 0, loaded: records.length, first: [], error: message };
    }
  }
}
