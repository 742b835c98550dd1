/**
 * Browser bundle sizes (`npm run bench:size`): what a web page pays to embed the package, beside the peers built the
 * same way, in one run.
 *
 * As a user would: `npm pack` the package (the build must be fresh: `builtModule` rebuilds a stale dist/), extract the
 * tarball into a scratch app's node_modules/kustomer-query (its dependencies resolve from this project's
 * node_modules — nothing is fetched), and bundle a tiny entry with esbuild for the browser (platform browser, ESM,
 * minified), gzip level 9. The bundles:
 * - compile only: `import { compile } from 'kustomer-query'`;
 * - search box: compile, complete, format, explain, decompile;
 * - lucene (`lucene.parse`) and liqe (`parse`, `filter`, `serialize`), the peers a page would pick instead;
 * - the CodeMirror extension (`kustomerQuery` from `kustomer-query/codemirror`) with @codemirror/* external (what it
 *   adds to a page that already has CodeMirror: the core, the language service and the adapter), and with them
 *   bundled; beside it CodeMirror alone (the view, state, autocomplete and lint parts the extension uses), what any
 *   CodeMirror page pays anyway.
 * Then where the compile-only bundle's bytes go, by package (esbuild's metafile: bytes in the minified output).
 * Goals (issue "Embeddable everywhere"): compile only ≤ 64 KiB gzip, search box ≤ 80 KiB gzip.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { builtModule, ROOT } from './built.js';
import { markdownTable, verdict } from './report.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

/** One bundle measured: minified bytes, gzip bytes, and bytes in the output by package (`own` for ours). */
export interface BundleSize {
  readonly name: string;
  readonly min: number;
  readonly gzip: number;
  readonly byPackage: Record<string, number>;
}

/**
 * Bundles `source` (an entry module's text) for the browser from `dir` and measures it; imports matching `external`
 * (esbuild patterns, e.g. `@codemirror/*`) stay imports and are not counted. Throws on a build error.
 */
export async function bundleSize(name: string, source: string, dir: string, external: string[] = []): Promise<BundleSize> {
  const result = await esbuild.build({
    external,
    stdin: { contents: source, resolveDir: dir, sourcefile: 'entry.js' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    metafile: true,
    nodePaths: [join(ROOT, 'node_modules')],
    logLevel: 'silent',
  });
  const out = result.outputFiles[0]!.contents;
  const byPackage: Record<string, number> = {};
  for (const [path, input] of Object.entries(Object.values(result.metafile.outputs)[0]!.inputs)) {
    const at = path.lastIndexOf('node_modules/');
    let key = 'own';
    if (at >= 0) {
      const parts = path.slice(at + 'node_modules/'.length).split('/');
      key = parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
      if (key === 'kustomer-query') key = 'own';
    }
    byPackage[key] = (byPackage[key] ?? 0) + input.bytesInOutput;
  }
  return { name, min: out.length, gzip: gzipSync(out, { level: 9 }).length, byPackage };
}

/** Packs the package and extracts it into a scratch app; returns the app's folder and a cleanup. */
export function packedApp(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kq-size-'));
  const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop()!;
  const target = join(dir, 'node_modules', 'kustomer-query');
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', join(dir, packed), '-C', target, '--strip-components=1']);
  writeFileSync(join(dir, 'package.json'), '{"name":"scratch-app","private":true,"type":"module"}\n');
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const KiB = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

/** Measures the four bundles and returns the markdown report. */
export async function sizeReport(): Promise<string> {
  const built = await builtModule(log);
  built.cleanup();
  const app = packedApp();
  try {
    const bundles = [
      await bundleSize('kustomer-query: compile only', "import { compile } from 'kustomer-query'; globalThis.kq = compile;", app.dir),
      await bundleSize(
        'kustomer-query: search box (compile, complete, format, explain, decompile)',
        "import { compile, complete, format, explain, decompile } from 'kustomer-query'; globalThis.kq = { compile, complete, format, explain, decompile };",
        app.dir,
      ),
      await bundleSize('lucene: parse', "import lucene from 'lucene'; globalThis.p = lucene.parse;", app.dir),
      await bundleSize('liqe: parse, filter, serialize', "import { parse, filter, serialize } from 'liqe'; globalThis.p = { parse, filter, serialize };", app.dir),
      await bundleSize(
        'kustomer-query/codemirror: kustomerQuery, @codemirror/* external',
        "import { kustomerQuery } from 'kustomer-query/codemirror'; globalThis.kq = kustomerQuery;",
        app.dir,
        ['@codemirror/*'],
      ),
      await bundleSize('kustomer-query/codemirror: kustomerQuery, @codemirror/* bundled', "import { kustomerQuery } from 'kustomer-query/codemirror'; globalThis.kq = kustomerQuery;", app.dir),
      await bundleSize(
        'CodeMirror alone: EditorView, EditorState, autocompletion, linter, hoverTooltip',
        "import { EditorView, hoverTooltip } from '@codemirror/view'; import { EditorState } from '@codemirror/state'; import { autocompletion } from '@codemirror/autocomplete'; import { linter } from '@codemirror/lint'; globalThis.cm = { EditorView, EditorState, autocompletion, linter, hoverTooltip };",
        app.dir,
      ),
    ];
    const [compileOnly, searchBox, lucene, liqe] = bundles as [BundleSize, BundleSize, BundleSize, BundleSize];
    const goals = new Map([
      [compileOnly.name, 64 * 1024],
      [searchBox.name, 80 * 1024],
    ]);
    const table = markdownTable(
      ['bundle', 'minified', 'gzip', 'gzip ÷ lucene', 'gzip ÷ liqe', 'goal', 'met'],
      bundles.map((b) => [
        b.name,
        KiB(b.min),
        KiB(b.gzip),
        `${(b.gzip / lucene.gzip).toFixed(1)}×`,
        `${(b.gzip / liqe.gzip).toFixed(1)}×`,
        goals.has(b.name) ? `≤ ${KiB(goals.get(b.name)!)}` : '—',
        goals.has(b.name) ? verdict(b.gzip <= goals.get(b.name)!) : '—',
      ]),
    );
    const parts = Object.entries(compileOnly.byPackage).sort((a, b) => b[1] - a[1]);
    const breakdown = markdownTable(
      ['package (compile-only bundle)', 'minified bytes in output', 'share'],
      parts.map(([name, bytes]) => [name, KiB(bytes), `${((100 * bytes) / compileOnly.min).toFixed(0)} %`]),
    );
    return `## Browser bundle sizes (esbuild, platform browser, minified; gzip level 9)\n\n${table}\n\n${breakdown}\n`;
  } finally {
    app.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await sizeReport());
}
