/**
 * The public API: what each entry exports, and that every export is documented. The entries are the package's
 * subpath exports (package.json `exports`), read through the TypeScript compiler so that re-exports are followed to
 * their declarations; an export passes when its declaration has a JSDoc comment (a type alias or interface, a
 * function, a class, a constant).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Subpath → source entry (package.json `exports` points at the built files of these). */
const entries: Record<string, string> = {
  'kustomer-query': 'src/index.ts',
  'kustomer-query/evaluate': 'src/evaluate/index.ts',
  'kustomer-query/render': 'src/render/index.ts',
  'kustomer-query/client': 'src/client/index.ts',
  'kustomer-query/node': 'src/node/index.ts',
  'kustomer-query/codemirror': 'src/codemirror/index.ts',
};

const program = ts.createProgram(
  Object.values(entries).map((f) => join(root, f)),
  { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, resolveJsonModule: true, strict: true, noEmit: true, types: ['node'] },
);
const checker = program.getTypeChecker();

/** The exported names of `file` with whether each is documented. */
function exportsOf(file: string): { name: string; documented: boolean }[] {
  const source = program.getSourceFile(join(root, file));
  assert.ok(source, `${file} is not in the program`);
  const moduleSymbol = checker.getSymbolAtLocation(source!);
  assert.ok(moduleSymbol, `${file} has no module symbol`);
  return checker.getExportsOfModule(moduleSymbol!).map((symbol) => {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const documented =
      ts.displayPartsToString(target.getDocumentationComment(checker)).trim() !== '' ||
      (target.declarations ?? []).some((d) => ts.getJSDocCommentsAndTags(d).length > 0);
    return { name: symbol.getName(), documented };
  });
}

test('package.json exports exactly these entries (plus package.json)', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
  const subpaths = Object.keys(pkg.exports).filter((k) => k !== './package.json').map((k) => (k === '.' ? 'kustomer-query' : `kustomer-query/${k.slice(2)}`));
  assert.equal(subpaths.sort(), Object.keys(entries).sort());
});

for (const [subpath, file] of Object.entries(entries)) {
  test(`every export of ${subpath} has a docstring`, () => {
    const names = exportsOf(file);
    assert.ok(names.length > 0, `${subpath} exports nothing`);
    assert.equal(names.filter((n) => !n.documented).map((n) => n.name), []);
  });
}

test('internals stay internal: the root entry exports no message map, checker maps or chevrotain tokens', () => {
  const names = new Set(exportsOf('src/index.ts').map((n) => n.name));
  for (const internal of ['Messages', 'allMessages', 'analyze', 'CheckedQuery', 'resultJson', 'maxNesting', 'recordTypeKey', 'translate', 'renderDiagnostics', 'lex', 'Token']) {
    assert.not.ok(names.has(internal), `${internal} is exported from the root`);
  }
});

test.run();
