import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { format, parse, print } from '../../src/index.js';
import { queryAst } from '../helpers/ast.js';
import { fcOptions, stripSpans } from '../helpers/fc.js';
import { directives, query } from '../helpers/queries.js';

test('parse(format(ast)) equals ast, spans aside, for generated ASTs with hostile values', () => {
  fc.assert(
    fc.property(queryAst, (ast) => {
      const text = print(ast);
      const parsed = parse(text, { maxDepth: 500 });
      assert.equal(parsed.diagnostics.filter((d) => d.severity !== 'info'), [], `diagnostics for ${JSON.stringify(text)}`);
      assert.equal(stripSpans(parsed.ast), stripSpans(ast), `text ${JSON.stringify(text)}`);
    }),
    fcOptions(1000),
  );
});

test('format is idempotent on generated ASTs: format(format(q)) === format(q)', () => {
  fc.assert(
    fc.property(queryAst, (ast) => {
      const once = format(ast, { maxDepth: 500 }).text!;
      assert.type(once, 'string');
      assert.is(format(once, { maxDepth: 500 }).text, once);
    }),
    fcOptions(1000),
  );
});

test('format is idempotent and keeps the AST on generated query texts (directives anywhere)', () => {
  fc.assert(
    fc.property(query, directives, fc.boolean(), (q, d, first) => {
      const text = first && d ? `${d} (${q})` : `(${q}) ${d}`;
      const once = format(text, { maxDepth: 500 });
      assert.ok(once.text !== undefined, `format failed on ${text}`);
      assert.is(format(once.text!, { maxDepth: 500 }).text, once.text);
      // Same meaning: the canonical text formats the same as the original query with its directives moved last.
      const moved = format(`(${q}) ${d}`, { maxDepth: 500 }).text;
      assert.is(once.text, moved);
    }),
    fcOptions(1000),
  );
});

test.run();
