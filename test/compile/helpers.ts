/**
 * Shared helpers for the compile tests (not a test file: uvu only runs `*.test.ts`).
 *
 * Every compile goes through {@link run}, which always passes the fixed clock {@link NOW} (unless a test passes
 * its own `now`). {@link body} asserts that a query compiles without errors and that the emitted body passes
 * `validateCriteria`, so every expected body in these tests is also checked against the criteria schema.
 */
import * as assert from 'uvu/assert';
import { compile, validateCriteria, type CompileOptions, type CompileResult, type Criteria, type Diagnostic } from '../../src/index.js';
import { allMessages } from '../../src/diagnostics/catalogue.js';

/** The fixed clock of every test. */
export const NOW = '2026-11-30T15:00:00Z';

/** Compiles `text` with the fixed clock (overridable) and `opts`. */
export function run(text: string, opts: CompileOptions = {}): CompileResult {
  return compile(text, { now: NOW, ...opts });
}

/** `[code, start, end]` of each diagnostic, in the order reported. */
export type Brief = [code: string, start: number, end: number];

export function brief(diagnostics: readonly Diagnostic[]): Brief[] {
  return diagnostics.map((d) => [d.code, d.span.start, d.span.end]);
}

/** The errors and warnings of `text` (infos such as KQ2015 left out) as `[code, start, end]`. */
export function problems(text: string, opts: CompileOptions = {}): Brief[] {
  return brief(run(text, opts).diagnostics.filter((d) => d.severity !== 'info'));
}

/** Every diagnostic of `text` as `[code, start, end]`. */
export function everything(text: string, opts: CompileOptions = {}): Brief[] {
  return brief(run(text, opts).diagnostics);
}

/** Asserts that `criteria` passes `validateCriteria`, showing the errors when it does not. */
export function assertValid(criteria: unknown, text: string): void {
  const v = validateCriteria(criteria);
  assert.equal(v.errors, [], `body of ${JSON.stringify(text)} fails validateCriteria`);
  assert.ok(v.valid);
}

/**
 * Compiles `text`, asserts there is no error and that the body passes `validateCriteria`, and returns the body.
 * Warnings and infos are allowed (check them separately).
 */
export function body(text: string, opts: CompileOptions = {}): Criteria {
  const r = run(text, opts);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  assert.equal(brief(errors), [], `unexpected errors for ${JSON.stringify(text)}: ${errors.map((e) => e.message).join(' | ')}`);
  assert.ok(r.criteria, `no criteria for ${JSON.stringify(text)}`);
  assertValid(r.criteria, text);
  return r.criteria!;
}

/** Asserts that `text` compiles to exactly `expected` (deep equality) and that the body is valid. */
export function expectBody(text: string, expected: unknown, opts: CompileOptions = {}): void {
  assert.equal(body(text, opts), expected);
}

/** Asserts that `text` has no criteria and exactly these errors and warnings (infos ignored). */
export function expectProblems(text: string, expected: Brief[], opts: CompileOptions = {}): void {
  const r = run(text, opts);
  assert.equal(brief(r.diagnostics.filter((d) => d.severity !== 'info')), expected);
  if (expected.some(([code]) => severityOf(code) === 'error')) assert.is(r.criteria, undefined);
}

/** The severity the catalogue gives `code`. */
export function severityOf(code: string): string | undefined {
  return allMessages().find((m) => m.code === code)?.severity;
}

/** The canonical key order of a body. */
export const canonicalKeys = ['queryContext', 'and', 'or', 'not', 'sort', 'timeZone'] as const;

/** Asserts that `criteria`'s keys appear in canonical order. */
export function assertCanonicalOrder(criteria: object): void {
  const keys = Object.keys(criteria);
  const expected = canonicalKeys.filter((k) => keys.includes(k));
  assert.equal(keys, expected, 'keys are not in canonical order');
}

/** A criterion, `{ [field]: { [op]: value } }`, for readable expectations. */
export function c(field: string, op: string, value: unknown): Record<string, Record<string, unknown>> {
  return Object.fromEntries([[field, Object.fromEntries([[op, value]])]]);
}

/** The `any_text contains word` criterion of a bare word or phrase. */
export function word(text: string): Record<string, Record<string, unknown>> {
  return c('any_text', 'contains', text);
}
