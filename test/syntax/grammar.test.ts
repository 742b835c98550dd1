import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { serializedGrammar } from '../../src/syntax/parser.js';

const read = (path: string) => readFileSync(new URL(`../../grammar/${path}`, import.meta.url), 'utf8');

test('grammar/productions.json is the parser’s serialized grammar (run `npm run grammar` after changing it)', () => {
  const snapshot = JSON.parse(read('productions.json'));
  assert.equal(JSON.parse(JSON.stringify(serializedGrammar())), snapshot);
});

test('grammar/query.ebnf defines exactly the parser’s rules', () => {
  const ebnf = read('query.ebnf').replace(/\(\*[\s\S]*?\*\)/g, '');
  const defined = [...ebnf.matchAll(/^([a-z][A-Za-z]*)\s*=/gm)].map((m) => m[1]!);
  const rules = (serializedGrammar() as { name: string }[]).map((r) => r.name);
  const lowerDefined = defined.filter((d) => !['name_start', 'name_char', 'term_char', 'value_char', 'escape'].includes(d));
  assert.equal([...lowerDefined].sort(), [...rules].sort());
});

test.run();
