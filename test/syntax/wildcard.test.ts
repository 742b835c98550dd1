/**
 * KQ1011 (no wildcards): the help for each place a `*` can be written, from one function in src/syntax/lexer.ts;
 * and an escaped star (`\*`) is text, in a term and in a value.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from '../../src/index.js';

/** The KQ1011 diagnostics of `text` as [start, end, help]. */
function wildcards(text: string): [number, number, string | undefined][] {
  return parse(text)
    .diagnostics.filter((d) => d.code === 'KQ1011')
    .map((d) => [d.span.start, d.span.end, d.help]);
}

const noWildcards =
  'Kustomer search has no wildcards. Use field~word to match a whole word in a text field, or escape the star as \\*.';

test('*foo', () => {
  assert.equal(wildcards('*foo'), [
    [0, 4, 'To require a field to be set write field:* or has:field; to search text write the word itself.'],
  ]);
});

test('foo*', () => {
  assert.equal(wildcards('foo*'), [[0, 4, noWildcards]]);
});

test('customer_name:jo*', () => {
  assert.equal(wildcards('customer_name:jo*'), [[14, 17, noWildcards]]);
});

test('conversation_status>*', () => {
  assert.equal(wildcards('conversation_status>*'), [
    [19, 21, 'Write conversation_status:* for "is set" and -conversation_status:* for "is not set".'],
  ]);
});

test('foo\\* and customer_name:jo\\*', () => {
  assert.equal(wildcards('foo\\*'), []);
  assert.equal(wildcards('customer_name:jo\\*'), []);
  const { ast } = parse('foo\\* customer_name:jo\\*');
  assert.match(JSON.stringify(ast), /"foo\*"/);
  assert.match(JSON.stringify(ast), /"jo\*"/);
});

test.run();
