/**
 * Strict Content Security Policies (`script-src 'self'`, no `'unsafe-eval'`) make `eval` and the `Function`
 * constructor throw. The compiler's browser-facing code must therefore never build code at run time: its ajv
 * validators are generated at build time (scripts/generate-validators.mjs). This bundles the core entry points for
 * the browser, as an embedding application would, and searches the result for code-building calls.
 */
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The one `Function(...)` call allowed: lodash-es's global-object lookup (lodash-es `_root.js`, bundled through
 * chevrotain), `freeGlobal || freeSelf || Function('return this')()`. It runs only where neither a Node `global` nor
 * a `self` exists, which browsers, workers and Node all provide, so it is never evaluated.
 */
const lodashRoot = /freeGlobal\w* \|\| freeSelf \|\| Function\("return this"\)\(\)/g;

test('a browser bundle of compile, validateCriteria and checkValue has no eval( and no Function constructor call', async () => {
  const result = await esbuild.build({
    stdin: {
      contents: [
        "export { compile } from './src/compile.ts';",
        "export { validateCriteria } from './src/emit/validate.ts';",
        "export { checkValue } from './src/schema/values.ts';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  assert.ok(inputs.some((p) => p.endsWith('src/schema/generated/valueValidators.js')), 'bundle includes the value validators');
  assert.ok(inputs.some((p) => p.endsWith('src/emit/generated/criteriaValidator.js')), 'bundle includes the criteria validator');
  assert.not.ok(inputs.some((p) => /node_modules\/ajv(-formats)?\//.test(p)), 'ajv is not bundled');
  const text = result.outputFiles[0]!.text.replace(lodashRoot, '');
  const calls = [...text.matchAll(/.{0,80}(?:\bnew\s+Function\b|\bFunction\s*\(|\beval\s*\().{0,40}/g)].map((m) => m[0]);
  assert.equal(calls, []);
});

test.run();
