import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  isAllowedExternalUrl,
  isAppUrl,
  isTrustedSender,
  mayNavigate,
  resolveAppFile,
} from '../../main/security.ts';

describe('app origin', () => {
  it.each([
    ['app://keyward/index.html', true],
    ['APP://KEYWARD/index.html', true],
    ['app://keyward/assets/index.js?x=1#y', true],
    ['app://evil/index.html', false],
    ['app://keyward.evil.com/', false],
    ['app://user:pass@keyward/', false],
    ['https://keyward/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,hi', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
    expect(mayNavigate(url)).toBe(expected);
  });

  it('answers IPC only for the app page’s main frame', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: APP_ENTRY_URL, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ url: 'https://example.com/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});

describe('serving the renderer', () => {
  const root = resolve('/srv/renderer');
  it('maps app URLs to files inside the renderer directory', () => {
    expect(resolveAppFile(root, 'app://keyward/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://keyward/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://keyward/assets/a.js?v=2')).toBe(join(root, 'assets', 'a.js'));
  });
  it.each(['app://keyward/../main/index.cjs', 'app://keyward/%2e%2e/%2e%2e/etc/passwd', 'app://keyward/assets/../../../x'])(
    'never resolves %s outside the renderer directory',
    (url) => {
      const file = resolveAppFile(root, url);
      expect(file === null || file.startsWith(root + sep)).toBe(true);
    },
  );
  it.each([
    'app://keyward/assets/..%2f..%2fsecret',
    'app://keyward/assets\\..\\..\\secret',
    'app://keyward/%00index.html',
    'app://keyward/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it('the CSP allows only our own scripts and no network', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});

describe('external links', () => {
  const hosts = new Set(['platform.openai.com', 'console.anthropic.com']);
  it.each([
    ['https://platform.openai.com/api-keys', true],
    ['HTTPS://PLATFORM.OPENAI.COM/api-keys', true],
    ['http://platform.openai.com/api-keys', false],
    ['https://user:pw@platform.openai.com/', false],
    ['https://platform.openai.com.evil.com/', false],
    ['https://evil.com/?platform.openai.com', false],
    ['javascript:alert(1)', false],
    ['JaVaScRiPt:alert(1)', false],
    ['file:///C:/Windows/System32/calc.exe', false],
    ['data:text/html,<script>', false],
    ['\\\\server\\share\\x.exe', false],
    ['//platform.openai.com/', false],
    [' https://platform.openai.com/', false],
    ['https://platform.openai.com/\n', false],
  ])('%s → %s', (url, expected) => {
    expect(isAllowedExternalUrl(url, hosts)).toBe(expected);
  });
});
