// Records every Content-Security-Policy and Trusted Types violation of the page, from before
// any other script runs. Plain JavaScript loaded as a classic script: a bundled module would
// be deferred until after the document is parsed.
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}: ${event.sample}`);
});
