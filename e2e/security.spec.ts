import { CONTENT_SECURITY_POLICY } from '../main/security/csp';
import { expect, test } from './support/fixtures';

/** Checklist items the page itself can prove: the CSP it runs under blocks eval and remote scripts. */
test('the page runs under the app CSP: no injected or remote scripts, no Node globals', async ({ app, pageErrors, rendererUrl }) => {
  const response = await app.request.get(`${rendererUrl}/index.html`);
  expect(response.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  const meta = await app.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("script-src 'self'");
  expect(meta).not.toContain('unsafe-eval');

  // Page-injected inline and remote scripts are refused by the policy (Playwright's own evaluate is exempt from
  // CSP, so 'no eval' is proved by the policy text above and the unit test of main/security/csp.ts).
  const probe = await app.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    const inline = document.createElement('script');
    inline.textContent = 'window.__inlineRan = true';
    document.head.append(inline);
    const remote = document.createElement('script');
    remote.src = 'https://cdn.example.com/lib.js';
    document.head.append(remote);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return {
      inlineRan: '__inlineRan' in window,
      violations,
      scriptOrigins: Array.from(document.scripts, (s) => (s.src ? new URL(s.src).origin : 'inline')),
      nodeGlobals: ['require', 'process', 'module', 'Buffer', 'global'].filter((name) => name in window),
    };
  });
  expect(probe.inlineRan).toBe(false);
  expect(probe.violations).toEqual(expect.arrayContaining([expect.stringMatching(/^script-src-elem inline/), expect.stringMatching(/^script-src-elem https:\/\/cdn\.example\.com/)]));
  expect(probe.nodeGlobals).toEqual([]);
  // The app's own scripts all come from its origin (nothing from a CDN).
  const own = probe.scriptOrigins.filter((o) => o !== 'inline' && o !== 'https://cdn.example.com');
  expect(new Set(own)).toEqual(new Set([new URL(rendererUrl).origin]));

  // The blocked scripts were reported as CSP violations; they are the expected ones, nothing else.
  const unexpected = pageErrors.filter((e) => !/Content Security Policy|cdn\.example\.com/i.test(e));
  expect(unexpected).toEqual([]);
  pageErrors.length = 0;
});
