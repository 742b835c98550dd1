/**
 * The error-tolerant parse (src/syntax/tolerant.ts): on broken and partial input, every token has a role (`error`
 * where the grammar has no place for it), field terms are read as far as typed, missing tokens are located, and
 * `parse` (compile's front end) is unchanged.
 */
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile, parse } from '../../src/index.js';
import { parseTolerant } from '../../src/syntax/tolerant.js';
import { fcOptions } from '../helpers/fc.js';

const roles = (text: string) => {
  const r = parseTolerant(text);
  return r.tokens.map((t, i) => `${t.image}=${r.roles[i]}`);
};

test('x:(a AND b) c:d — only OR joins list values: b and the ) are out of the list, c:d is still read', () => {
  assert.equal(roles('x:(a AND b) c:d'), ['x=name', ':=operator', '(=value-syntax', 'a=value', 'AND=keyword', 'b=text', ')=error', 'c=name', ':=operator', 'd=value']);
  assert.equal(parseTolerant('x:(a AND b) c:d').terms.map((t) => [t.name, t.value]), [['x', null], ['c', 'd']]);
});

test('a AND (x:(open OR — both groups open, the term known', () => {
  const r = parseTolerant('a AND (x:(open OR');
  assert.equal(r.terms.length, 1);
  assert.is(r.terms[0]!.name, 'x');
  assert.is(r.terms[0]!.valueEnd, Infinity);
  assert.is(r.terms[0]!.shape, 'group');
  assert.ok(r.missing.length > 0);
  assert.ok(r.missing.every((m) => m.at === 17));
});

test('created:[2024-01-01 TO — an open range: low bound and where the high one starts', () => {
  const t = parseTolerant('created:[2024-01-01 TO').terms[0]!;
  assert.equal(t.range, { low: '2024-01-01', lowExclusive: false, highStart: 22 });
  assert.is(t.valueEnd, Infinity);
});

test('x OR OR y — a doubled keyword: both words read (the deleted OR keeps its keyword role)', () => {
  assert.equal(roles('x OR OR y'), ['x=text', 'OR=keyword', 'OR=keyword', 'y=text']);
  assert.ok(parseTolerant('x OR OR y').errors.length > 0);
});

test('every token gets a role and parse is unchanged on any text (hostile strings)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom('a', 'x:', '(', ')', '"', ' ', ',', '..', '[', ']', '{', '}', '*', 'OR ', 'AND ', 'NOT ', '-', 'TO ', '>=', 'sort:'), { maxLength: 25 }).map((p) => p.join('')),
      (text) => {
        const before = JSON.stringify(parse(text));
        const r = parseTolerant(text);
        assert.is(r.roles.length, r.tokens.length);
        assert.ok(r.roles.every((role) => typeof role === 'string'));
        for (const t of r.terms) assert.ok(t.valueStart <= t.valueEnd);
        // A query parse accepts has no error token.
        if (parse(text).ast) assert.not.ok(r.roles.includes('error'), text);
        assert.is(JSON.stringify(parse(text)), before);
      },
    ),
    fcOptions(500),
  );
});

test('compile of x OR OR y keeps its first-error diagnostic', () => {
  assert.equal(compile('x OR OR y').diagnostics.map((d) => d.code), ['KQ1009']);
});

test.run();
