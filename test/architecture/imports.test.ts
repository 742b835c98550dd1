/**
 * The import rules of the package's seams, as a table: each rule names the files it covers, what they may not
 * import, and why. A rule fails with every offending `file → specifier` pair, so crossing a seam is caught the day it
 * happens, not when a browser user's bundle breaks.
 *
 * Imports are read from the source text: static `import … from`, `export … from`, side-effect `import '…'` and
 * `import('…')` with a literal specifier (`./x.js` read as `x.ts` where that exists). `import type` / `export type` are erased at build time and count only for
 * the rules that say so (`typesToo`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const src = join(root, 'src');

interface Import {
  /** The importing file, relative to src/ (`syntax/lexer.ts`). */
  readonly from: string;
  /** The specifier as written. */
  readonly specifier: string;
  /** For a relative specifier, the imported file relative to src/ (`.js` read as `.ts`); else null. */
  readonly target: string | null;
  /** True for `import type` / `export type` (erased at build time). */
  readonly typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|js|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => relative(src, join(e.parentPath, e.name)).split('\\').join('/'));
}

const importPattern =
  /^\s*(import|export)\s+(type\s+)?(?:[\s\S]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

function importsOf(file: string): Import[] {
  const text = readFileSync(join(src, file), 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(importPattern)) {
    const specifier = m[3] ?? m[4]!;
    let target: string | null = null;
    if (specifier.startsWith('.')) {
      const written = relative(src, resolve(dirname(join(src, file)), specifier)).split('\\').join('/');
      // Sources import `./x.js` for `x.ts`; generated modules (schema/generated/) are `.js` files themselves.
      const ts = written.replace(/\.js$/, '.ts');
      target = existsSync(join(src, ts)) ? ts : written;
    }
    out.push({ from: file, specifier, target, typeOnly: m[2] !== undefined });
  }
  return out;
}

const files = sourceFiles(src);
const imports = files.flatMap(importsOf);

const nodeBuiltins = new Set(builtinModules);
const isNodeBuiltin = (s: string) => s.startsWith('node:') || nodeBuiltins.has(s.split('/')[0]!);
const under = (...folders: string[]) => (file: string) => folders.some((f) => file.startsWith(`${f}/`));
const inFolder = (target: string | null, ...folders: string[]) => target !== null && under(...folders)(target);

/** The isomorphic core: everything the root entry is made of. */
const coreFolders = ['syntax', 'check', 'schema', 'dates', 'lowering', 'emit', 'criteria', 'decompile', 'diagnostics', 'interactive', 'service'];
const isCore = (file: string) => under(...coreFolders)(file) || !file.includes('/');
/** The public entries, the only files the CLI may import from the package. */
const publicEntries = new Set(['index.ts', 'evaluate/index.ts', 'render/index.ts', 'client/index.ts', 'node/index.ts']);
/** Packages with Node-only or terminal builds, never in the core. */
const nodeOnlyPackages = ['picocolors', 'csv-parse', 'csv-stringify', 'cli-progress'];

interface Rule {
  readonly name: string;
  readonly covers: (file: string) => boolean;
  readonly forbids: (i: Import) => boolean;
  /** Whether type-only imports count. */
  readonly typesToo?: boolean;
}

const rules: Rule[] = [
  {
    name: 'the core imports no Node built-in (it must bundle for a browser)',
    covers: isCore,
    forbids: (i) => isNodeBuiltin(i.specifier),
  },
  {
    name: 'the core imports no Node-only or terminal package (picocolors, csv-*, cli-progress)',
    covers: isCore,
    forbids: (i) => nodeOnlyPackages.some((p) => i.specifier === p || i.specifier.startsWith(`${p}/`)),
  },
  {
    name: 'the core does not reach into evaluate/, render/, node/ or cli/ (data flows one way)',
    covers: isCore,
    forbids: (i) => inFolder(i.target, 'evaluate', 'render', 'node', 'cli'),
    typesToo: true,
  },
  {
    name: 'evaluate/ imports no Node built-in and nothing of render/, node/, cli/',
    covers: under('evaluate'),
    forbids: (i) => isNodeBuiltin(i.specifier) || inFolder(i.target, 'render', 'node', 'cli'),
  },
  {
    // The operator × kind table (check/operators.ts) is the language's, and shared on purpose.
    name: 'evaluate/ does not import the checker (criteria are evaluated without it)',
    covers: (f) => under('evaluate')(f) && f !== 'evaluate/query.ts',
    forbids: (i) => inFolder(i.target, 'check') && i.target !== 'check/operators.ts',
  },
  {
    // evaluateQuery reads a query through the checker's analysis (fields resolved, relative dates resolved: the
    // same inputs compile has) and is written from the language table, never from the compiler's lowering — which
    // is what makes the differential tests (evaluateQuery vs evaluate(compile(q))) mean something.
    name: 'evaluate/ never imports the lowering or the emitter',
    covers: under('evaluate'),
    forbids: (i) => inFolder(i.target, 'lowering') || i.target === 'emit/criteria.ts' || i.target === 'compile.ts',
  },
  {
    name: 'interactive/ does not re-run the lowering (it reads what the pipeline recorded)',
    covers: under('interactive'),
    forbids: (i) => inFolder(i.target, 'lowering'),
  },
  {
    // The language service is part of the root entry: editor adapters (codemirror/, lsp/) build on it, never the reverse.
    name: 'service/ imports the core only (no Node built-in, no package, nothing outside the core folders)',
    covers: under('service'),
    forbids: (i) => isNodeBuiltin(i.specifier) || (i.target === null && !i.specifier.startsWith('.')) || (i.target !== null && !isCore(i.target)),
    typesToo: true,
  },
  {
    // The LSP server (`kq lsp`, exported by node/index.ts) is an adapter over the language service, like the CLI a
    // consumer of the core: it never reaches into the CLI, and its only packages are vscode-languageserver's.
    name: 'lsp/ imports the core and vscode-languageserver(-textdocument) only, never the CLI',
    covers: under('lsp'),
    forbids: (i) =>
      isNodeBuiltin(i.specifier) ||
      (i.target === null && !/^vscode-languageserver(-textdocument)?(\/node)?$/.test(i.specifier)) ||
      (i.target !== null && !isCore(i.target) && !inFolder(i.target, 'lsp')),
    typesToo: true,
  },
  {
    name: 'render/ builds on diagnostics only',
    covers: under('render'),
    forbids: (i) => i.target !== null && !inFolder(i.target, 'diagnostics', 'render'),
  },
  {
    // kustomer-query/client runs in browsers and Kustomer apps too: fetch and AbortSignal only.
    name: 'client/ imports no Node built-in and no Node-only or terminal package',
    covers: under('client'),
    forbids: (i) => isNodeBuiltin(i.specifier) || nodeOnlyPackages.some((p) => i.specifier === p || i.specifier.startsWith(`${p}/`)),
  },
  {
    name: 'client/ builds on the core only (not evaluate/, render/, node/ or cli/)',
    covers: under('client'),
    forbids: (i) => i.target !== null && !inFolder(i.target, 'client') && !isCore(i.target),
  },
  {
    // The CodeMirror extension is an adapter over the public root entry; the host's CodeMirror is its only other import.
    name: 'codemirror/ imports the core through the root entry, and @codemirror/* (nothing else)',
    covers: under('codemirror'),
    forbids: (i) => (i.target !== null ? i.target !== 'index.ts' && !i.target.startsWith('codemirror/') : !i.specifier.startsWith('@codemirror/')),
    typesToo: true,
  },
  {
    // The playground page is a user of the package: public browser entries and CodeMirror only (it is bundled for a browser).
    name: 'playground/ imports the public browser entries (root, evaluate, codemirror) and @codemirror/* only',
    covers: under('playground'),
    forbids: (i) =>
      i.target !== null
        ? !['index.ts', 'evaluate/index.ts', 'codemirror/index.ts'].includes(i.target) && !i.target.startsWith('playground/')
        : !i.specifier.startsWith('@codemirror/'),
    typesToo: true,
  },
  {
    name: 'only playground/ imports codemirror/ (an optional entry: the core never needs CodeMirror)',
    covers: (f) => !under('codemirror', 'playground')(f),
    forbids: (i) => inFolder(i.target, 'codemirror') || i.specifier.startsWith('@codemirror/'),
    typesToo: true,
  },
  {
    name: 'nothing but the CLI imports the CLI',
    covers: (f) => !under('cli')(f),
    forbids: (i) => inFolder(i.target, 'cli'),
    typesToo: true,
  },
  {
    name: 'the CLI imports the package only through its public entries',
    covers: under('cli'),
    forbids: (i) => i.target !== null && !i.target.startsWith('cli/') && !publicEntries.has(i.target) && !i.target.endsWith('package.json'),
    typesToo: true,
  },
];

for (const rule of rules) {
  test(rule.name, () => {
    const broken = imports.filter((i) => rule.covers(i.from) && (rule.typesToo || !i.typeOnly) && rule.forbids(i));
    assert.equal(
      broken.map((i) => `${i.from} → ${i.specifier}`),
      [],
      `${broken.length} import(s) cross the seam`,
    );
  });
}

test('every public entry exists and the table sees the files (a rule over nothing would pass)', () => {
  for (const entry of publicEntries) assert.ok(files.includes(entry), `src/${entry} is missing`);
  assert.ok(imports.length > 200, `only ${imports.length} imports read: the pattern no longer matches the code`);
  assert.ok(imports.some((i) => i.from === 'cli/main.ts'), 'no import of cli/main.ts was read');
});

test('a rule fails on a crossing: a core file importing node:fs is reported', () => {
  const fake: Import = { from: 'syntax/lexer.ts', specifier: 'node:fs', target: null, typeOnly: false };
  const rule = rules[0]!;
  assert.ok(rule.covers(fake.from) && rule.forbids(fake));
});

/** Files reachable from `entry` through value imports (relative ones), entry included. */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    for (const i of imports) {
      if (i.from !== file || i.typeOnly || i.target === null || !/\.(ts|js)$/.test(i.target) || seen.has(i.target)) continue;
      seen.add(i.target);
      queue.push(i.target);
    }
  }
  return seen;
}

test('the root entry reaches only core files, and no file it reaches reads process, Buffer, require or __filename', () => {
  const reached = [...reachable('index.ts')];
  assert.equal(reached.filter((f) => !isCore(f)), [], 'the root entry reaches files outside the core');
  const globals = /\b(process\.|Buffer\b|require\(|__filename|__dirname)/;
  const reading = reached.filter((f) =>
    readFileSync(join(src, f), 'utf8')
      .split('\n')
      .some((line) => !/^\s*(\*|\/\/|\/\*)/.test(line) && globals.test(line)),
  );
  assert.equal(reading, []);
});

test.run();
