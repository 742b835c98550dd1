/**
 * One readable input record translated: a query compiled to criteria, or a criteria body decompiled to text. The
 * same function runs in the calling thread (`jobs: 1`) and in each worker, so both give identical results.
 */
import { compile } from '../compile.js';
import { decompile } from '../decompile/decompile.js';
import { Messages } from '../diagnostics/catalogue.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { codeFrames } from '../diagnostics/codeFrame.js';
import type { CompileOptions } from '../options.js';
import type { RecordInput, SourceRecord, TranslateResult } from './records.js';

/**
 * What a worker sends back for one record: whether it succeeded, the translation (`criteria` for a query, `text`
 * for a body; absent on errors), the errors and warnings, and their code frames (no colour) when there are any.
 * The input itself stays with the caller, so it is never copied to a worker and back.
 */
export interface Outcome {
  readonly ok: boolean;
  readonly output?: unknown;
  readonly diagnostics: Diagnostic[];
  readonly frame?: string;
  /** True when the query used a relative date (`now-7d`, `today`), resolved against the run's clock (KQ2028). */
  readonly relativeDates?: true;
}

/**
 * The options every record is translated with. Plain data (it is copied to each worker): `compile` holds only
 * structured-cloneable compile options, with `now` already fixed.
 */
export interface ConvertOptions {
  readonly compile: CompileOptions;
  /** The name in code frames' `-->` lines, e.g. `query` or `criteria`. */
  readonly fileName?: string;
}

/** Translates one record. Never throws: `compile` and `decompile` report every problem as a diagnostic. */
export function convert(input: RecordInput, opts: ConvertOptions): Outcome {
  if (input.kind === 'text') {
    const result = compile(input.text, opts.compile);
    const diagnostics = result.diagnostics.filter((d) => d.severity !== 'info');
    const frame = diagnostics.length > 0 ? codeFrames(input.text, diagnostics, { fileName: opts.fileName ?? 'query' }) : undefined;
    const relative = result.diagnostics.some((d) => d.code === Messages.RelativeDateResolved.code) ? { relativeDates: true as const } : {};
    return { ok: result.criteria !== undefined, output: result.criteria, diagnostics, ...(frame !== undefined ? { frame } : {}), ...relative };
  }
  const result = decompile(input.body, opts.compile);
  const diagnostics = result.diagnostics.filter((d) => d.severity !== 'info');
  const frame = diagnostics.length > 0 ? codeFrames('', diagnostics, { fileName: opts.fileName ?? 'criteria' }) : undefined;
  return { ok: result.text !== undefined, output: result.text, diagnostics, ...(frame !== undefined ? { frame } : {}) };
}

/** The result record of `record`, given the outcome of its translation (none when it could not be read). */
export function toResult(record: SourceRecord, outcome: Outcome | undefined): TranslateResult {
  const fields = {
    ...(record.fields !== undefined ? { fields: record.fields } : {}),
    ...(record.fieldsJson !== undefined ? { fieldsJson: record.fieldsJson } : {}),
  };
  if (!record.input || !outcome) {
    const error = record.error ?? diagnostic('InternalError', { start: 0, end: 0 }, { error: 'no translation came back for this record', report: 'none' });
    return { line: record.line, ...fields, ok: false, diagnostics: [error], frame: `error[${error.code}]: ${error.message}\n --> line ${record.line}` };
  }
  const frame = outcome.frame !== undefined ? { frame: outcome.frame } : {};
  if (record.input.kind === 'text') {
    const criteria = outcome.output !== undefined ? { criteria: outcome.output } : {};
    const relative = outcome.relativeDates ? { relativeDates: true as const } : {};
    return { line: record.line, ...fields, ok: outcome.ok, query: record.input.text, ...criteria, diagnostics: outcome.diagnostics, ...frame, ...relative };
  }
  const query = typeof outcome.output === 'string' ? { query: outcome.output } : {};
  return { line: record.line, ...fields, ok: outcome.ok, ...query, criteria: record.input.body, diagnostics: outcome.diagnostics, ...frame };
}
