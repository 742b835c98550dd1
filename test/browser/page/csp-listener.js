// Loaded first, as a 'self' script (inline scripts are blocked by the CSP): records every
// `securitypolicyviolation` event in window.__kqViolations, and marks <html> with data-kq-error when a script
// fails to load or throws before the page could mark itself done. test/helpers/browser.ts reads both.
window.__kqViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__kqViolations.push({
    directive: event.effectiveDirective,
    blockedURI: event.blockedURI,
    sourceFile: event.sourceFile,
    lineNumber: event.lineNumber,
    sample: event.sample,
  });
});
window.addEventListener(
  'error',
  (event) => {
    // A script element that failed to load (capture phase: the event does not bubble), or an uncaught error.
    const what = event.target instanceof HTMLScriptElement ? `could not load ${event.target.src}` : String(event.message);
    if (!('kqDone' in document.documentElement.dataset)) document.documentElement.dataset.kqError = what;
  },
  true,
);
