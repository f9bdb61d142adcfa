import * as fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META } from './csp';
import { isAllowedExternalUrl } from './externalUrl';
import { isTrustedSenderUrl } from './senderPolicy';
import { readStaticFile, resolveStaticPath } from './staticFiles';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('content security policy', () => {
  it('allows only bundled scripts: no eval, no inline script, no remote origins', () => {
    for (const policy of [CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META]) {
      expect(policy).not.toContain('unsafe-eval');
      expect(directives(policy).get('script-src')).toEqual(["'self'"]);
      expect(directives(policy).get('default-src')).toEqual(["'none'"]);
      expect(directives(policy).get('object-src')).toEqual(["'none'"]);
      expect(directives(policy).get('worker-src')).toEqual(["'self'", 'blob:']);
      expect(policy).not.toMatch(/https?:|\*/);
    }
  });

  it('keeps frame-ancestors out of the meta tag (ignored there) but in the header', () => {
    expect(directives(CONTENT_SECURITY_POLICY).get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives(CONTENT_SECURITY_POLICY_META).has('frame-ancestors')).toBe(false);
  });
});

describe('isAllowedExternalUrl', () => {
  it.each([
    ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/Welcome.html', true],
    ['http://docs.aws.amazon.com/AmazonECS/', false],
    ['https://docs.aws.amazon.com.evil.example/', false],
    ['https://evil.example/?https://docs.aws.amazon.com/', false],
    ['https://user:pw@docs.aws.amazon.com/', false],
    ['https://docs.aws.amazon.com:8443/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://docs.aws.amazon.com/share', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });
});

describe('isTrustedSenderUrl', () => {
  it('trusts the app origin only', () => {
    expect(isTrustedSenderUrl('app://app/index.html')).toBe(true);
    expect(isTrustedSenderUrl('app://other/index.html')).toBe(false);
    expect(isTrustedSenderUrl('file:///index.html')).toBe(false);
    expect(isTrustedSenderUrl('https://example.com/')).toBe(false);
    expect(isTrustedSenderUrl('')).toBe(false);
  });

  it('trusts the dev server origin only when one is configured', () => {
    expect(isTrustedSenderUrl('http://localhost:5173/', {})).toBe(false);
    expect(isTrustedSenderUrl('http://localhost:5173/', { devServerUrl: 'http://localhost:5173' })).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5174/', { devServerUrl: 'http://localhost:5173' })).toBe(false);
  });
});

describe('static files', () => {
  let root: string;
  let outside: string;
  beforeAll(async () => {
    const base = await fs.mkdtemp(path.join(os.tmpdir(), 'ecsd-static-'));
    root = path.join(base, 'renderer');
    outside = path.join(base, 'secret.txt');
    await fs.mkdir(path.join(root, 'assets'), { recursive: true });
    await fs.writeFile(path.join(root, 'index.html'), '<!doctype html>');
    await fs.writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    await fs.writeFile(outside, 'secret');
    await fs.symlink(outside, path.join(root, 'assets', 'link.txt'));
  });
  afterAll(async () => {
    await fs.rm(path.dirname(root), { recursive: true, force: true });
  });

  it('maps URL paths inside the root', () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt', '/a%00b', '/%E0%A4%A', '/..\\secret.txt'])(
    'refuses %s',
    (p) => {
      expect(resolveStaticPath(root, p)).toBeNull();
    },
  );

  it('serves files with a content type, and refuses symlinks leading outside the root', async () => {
    const js = await readStaticFile(root, '/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.contentType).toMatch(/javascript/);
    expect((await readStaticFile(root, '/assets/link.txt')).status).toBe(403);
    expect((await readStaticFile(root, '/%2e%2e/secret.txt')).status).toBe(403);
    expect((await readStaticFile(root, '/missing.js')).status).toBe(404);
    expect((await readStaticFile(root, '/assets')).status).toBe(404);
  });
});
