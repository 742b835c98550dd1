/**
 * A grammar-based generator of valid queries: real fields from the schema, operators their kinds allow, values
 * their schemas accept, combined with AND / OR / NOT and parentheses. Used by the property tests.
 */
import fc from 'fast-check';
import { allows } from '../../src/check/operators.js';
import { standardFields, type FieldInfo } from '../../src/schema/index.js';
import type { ComparisonOperator } from '../../src/syntax/ast.js';

const fields = [...standardFields.values()];

/** A bare word that lexes as one value in any position. */
const word = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/).filter((w) => !['and', 'or', 'not', 'now', 'today'].includes(w));

/** Text that needs quoting, from a hostile alphabet. */
const hostile = fc
  .array(fc.constantFrom('a', 'Z', ' ', '\\', '"', ':', '(', ')', '*', ',', '-', '..', '~', '=', '<', '>', 'é', '测', '\u00a0', 'OR', 'AND', 'NOT', 'TO'), {
    maxLength: 6,
  })
  .map((parts) => parts.join(''));

/** `s` as a double-quoted string the lexer reads back as `s`. */
export function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}

const hex24 = fc.stringMatching(/^[0-9a-f]{23}[a-f]$/).map((s) => `1${s.slice(1)}`);
const day = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const relative = fc.constantFrom('now', 'now-7d', 'now-1M/d', 'today', 'yesterday', '-7d', 'now/w', 'now+1h');

/** Values the field accepts where whole values are compared, as query text. */
function valueFor(f: FieldInfo): fc.Arbitrary<string> {
  if (f.kind === 'datetime') return fc.oneof(day, instant, relative);
  if (f.enum && f.enum.length) return fc.constantFrom(...f.enum.map(String));
  if (f.kind === 'number') return f.name === 'conversation_priority' ? fc.integer({ min: 1, max: 5 }).map(String) : fc.integer({ min: -1000, max: 1000 }).map(String);
  if (f.kind === 'boolean') return fc.constantFrom('true', 'false');
  if (f.collection) return hex24;
  if (f.name.endsWith('_email')) return word.map((w) => `${w}@example.com`);
  if (f.name.endsWith('_phone')) return fc.integer({ min: 1000000, max: 99999999 }).map((n) => `+1${n}`);
  return fc.oneof(word, hostile.map(quote));
}

/** A field term: `f<op>v`, a list, a range, or `f:*` / `has:f` / `no:f`. */
export const fieldTerm: fc.Arbitrary<string> = fc.constantFrom(...fields).chain((f) => {
  const options: fc.Arbitrary<string>[] = [
    fc.constantFrom(`${f.name}:*`, `has:${f.name}`, `no:${f.name}`, `-${f.name}:*`),
  ];
  const ops: ComparisonOperator[] = [':', '=', '!=', '~', '>', '>=', '<', '<='];
  for (const op of ops) {
    if (!allows(f.kind, op, 'single')) continue;
    const v = op === '~' || (op === ':' && (f.kind === 'text' || f.kind === 'any')) ? fc.oneof(word, hostile.map(quote)) : valueFor(f);
    options.push(v.map((x) => `${f.name}${op}${x}`));
  }
  if (allows(f.kind, ':', 'list') && f.kind !== 'datetime') {
    const v = f.kind === 'text' || f.kind === 'any' ? word : valueFor(f);
    options.push(fc.array(v, { minLength: 2, maxLength: 4 }).map((vs) => `${f.name}:(${vs.join(' OR ')})`));
    options.push(fc.array(v.filter((x) => !x.startsWith('"')), { minLength: 2, maxLength: 4 }).map((vs) => `${f.name}:${vs.join(',')}`));
  }
  if (allows(f.kind, ':', 'range')) {
    const v = f.kind === 'datetime' ? day : f.name === 'conversation_priority' ? fc.integer({ min: 1, max: 5 }).map(String) : fc.integer({ min: -1000, max: 1000 }).map(String);
    options.push(
      fc.tuple(v, v, fc.constantFrom('..', 'TO')).map(([a, b, sep]) => {
        const [lo, hi] = f.kind === 'datetime' ? [a, b].sort() : [a, b].map(Number).sort((x, y) => x - y).map(String);
        return sep === '..' ? `${f.name}:${lo}..${hi}` : `${f.name}:[${lo} TO ${hi}]`;
      }),
    );
  }
  return fc.oneof(...options);
});

/** A bare word or a quoted phrase. */
export const textTerm: fc.Arbitrary<string> = fc.oneof(word, hostile.filter((s) => s.length > 0).map(quote));

/** A whole query: terms combined with AND / OR / NOT / - and parentheses, at most `depth` levels. */
export const query: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fieldTerm,
    textTerm,
    fc.tuple(tie('expr'), fc.constantFrom(' AND ', ' ', ' OR '), tie('expr')).map(([a, op, b]) => `(${a})${op}(${b})`),
    tie('expr').map((e) => `NOT (${e})`),
    tie('expr').map((e) => `-(${e})`),
  ),
})).expr;

/** Directives to append at the top level. */
export const directives: fc.Arbitrary<string> = fc
  .tuple(
    fc.option(fc.constantFrom('context:conversation', 'in:customer', 'context:message', 'context:kobject_ecomm-order')),
    fc.option(fc.constantFrom('tz:America/New_York', 'tz:UTC', 'tz:Asia/Kolkata', 'tz:Pacific/Kiritimati')),
    fc.option(fc.constantFrom('sort:customer_name', 'sort:customer_created_at-desc', 'sort:customer_updated_at-asc')),
  )
  .map((parts) => parts.filter((p) => p !== null).join(' '));
