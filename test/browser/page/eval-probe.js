// The CSP regression probe: evaluates a string as code, which `script-src 'self'` without 'unsafe-eval' must block
// (an EvalError plus a securitypolicyviolation event). Writes `1` into #results when evaluation was allowed, else
// the error; test/browser/csp.test.ts checks that the harness records the violation.
const root = document.documentElement;
const out = document.getElementById('results');
try {
  out.textContent = JSON.stringify(new Function('return 1')());
} catch (error) {
  out.textContent = JSON.stringify(`${error.name}: ${error.message}`);
}
setTimeout(() => (root.dataset.kqDone = ''), 50);
