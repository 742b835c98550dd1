import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile, parse, validateCriteria, walk, type Node } from '../../src/index.js';
import { fcOptions, stripSpans } from '../helpers/fc.js';
import { directives, query } from '../helpers/queries.js';

const now = '2026-11-30T15:00:00Z';

/** Strings built to stress the lexer and parser: hostile characters, deep nesting, long runs. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc
    .array(
      fc.constantFrom('(', ')', '"', '\\', ':', '-', 'NOT ', 'AND ', 'OR ', ' ', '\u00a0', '\n', '*', '..', ',', '[', ']', '{', '}', 'TO', 'a', 'x:', 'customer_name:', '~', '>=', '\ud800', '\u202e', '\u0000'),
      { maxLength: 60 },
    )
    .map((parts) => parts.join('')),
  fc.integer({ min: 1, max: 5000 }).map((n) => '('.repeat(n) + 'a' + ')'.repeat(n)),
  fc.integer({ min: 1, max: 5000 }).map((n) => 'NOT '.repeat(n) + 'a'),
  fc.integer({ min: 1, max: 20000 }).map((n) => ' '.repeat(n)),
);

test('compile never throws, and every diagnostic span lies inside the input', () => {
  fc.assert(
    fc.property(hostileText, (text) => {
      const r = compile(text, { now });
      for (const d of r.diagnostics) {
        assert.ok(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= text.length, `span ${JSON.stringify(d.span)} in ${text.length}`);
        assert.ok(d.code.startsWith('KQ') && d.code !== 'KQ9001', `${d.code} ${d.message}`);
      }
      assert.is(r.criteria === undefined, r.diagnostics.some((d) => d.severity === 'error'));
    }),
    fcOptions(1000),
  );
});

test('generated queries compile without errors (nested) and their output passes validateCriteria', () => {
  fc.assert(
    fc.property(query, directives, (q, dirs) => {
      const text = dirs ? `(${q}) ${dirs}` : q;
      const r = compile(text, { now, nested: true });
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      assert.equal(errors, [], text);
      const v = validateCriteria(r.criteria);
      assert.ok(v.valid, `${text}\n${JSON.stringify(r.criteria)}\n${JSON.stringify(v.errors)}`);
    }),
    fcOptions(1000),
  );
});

test('every AST node’s span slices back to source that parses to the same node', () => {
  fc.assert(
    fc.property(query, (text) => {
      const { ast } = parse(text);
      assert.ok(ast, text);
      walk(ast!, (node: Node, parent) => {
        if (node.kind === 'Query' || node.kind === 'Name' || node.kind === 'Value') return;
        // `no:f` is Not(Exists) with both spanning `no:f`: the Not is the node that text parses to.
        const slice = text.slice(node.span.start, node.span.end);
        if (node.kind === 'Exists' && parent?.kind === 'Not' && slice.startsWith('no:')) return;
        const again = parse(slice).ast?.body;
        assert.equal(stripSpans(again), stripSpans(node), `${node.kind} '${slice}' in '${text}'`);
      });
    }),
    fcOptions(300),
  );
});

test('the flat target is only refused with a KQ3xxx error, never a wrong body', () => {
  fc.assert(
    fc.property(query, (text) => {
      const flat = compile(text, { now });
      const nested = compile(text, { now, nested: true });
      if (flat.criteria) {
        // When the flat form fits, nesting changes nothing.
        assert.equal(flat.criteria, nested.criteria, text);
      } else {
        assert.ok(flat.diagnostics.some((d) => d.code.startsWith('KQ3')), text);
      }
    }),
    fcOptions(1000),
  );
});

test.run();
