/**
 * Regenerates grammar/productions.json (chevrotain's serialized grammar, the snapshot a test compares against)
 * and grammar/diagrams.html (railroad diagrams of the same grammar). Run `npm run grammar` after changing
 * src/syntax/parser.ts, and update grammar/query.ebnf to match.
 *
 * The diagrams page loads chevrotain's own diagram scripts from node_modules (relative path), so it works offline
 * in a checkout after `npm ci`; nothing of chevrotain's is copied into the repository.
 */
import { writeFileSync } from 'node:fs';
import { createSyntaxDiagramsCode } from 'chevrotain';
import { serializedGrammar } from '../src/syntax/parser.js';

const grammar = serializedGrammar();
writeFileSync(new URL('../grammar/productions.json', import.meta.url), `${JSON.stringify(grammar, null, 2)}\n`);
const html = createSyntaxDiagramsCode(grammar as Parameters<typeof createSyntaxDiagramsCode>[0], {
  resourceBase: '../node_modules/chevrotain/diagrams/',
  css: '../node_modules/chevrotain/diagrams/diagrams.css',
});
writeFileSync(new URL('../grammar/diagrams.html', import.meta.url), html);
console.log('wrote grammar/productions.json and grammar/diagrams.html');
