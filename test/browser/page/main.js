// The scratch app's entry, bundled by test/browser/csp.test.ts out of the packed package exactly as a user's build
// would: it imports the library by its package name, runs the shared table (table.ts, copied beside this file)
// from the page's own script, under the page's CSP, and writes the results into <pre id="results">.
import { compile, complete, format, explain, decompile } from 'kustomer-query';
import { runTable } from './table.ts';

const root = document.documentElement;
try {
  const results = runTable({ compile, complete, format, explain, decompile });
  document.getElementById('results').textContent = JSON.stringify(results, null, 1);
  // Marked done a little later, so that securitypolicyviolation events queued by the calls are delivered first.
  setTimeout(() => (root.dataset.kqDone = ''), 50);
} catch (error) {
  root.dataset.kqError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
