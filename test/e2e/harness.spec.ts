import { expect, test } from './fixtures.ts';

// The harness is a door into real services: it must be as closed as the app's IPC.
test('the harness answers only its own host with its token, and serves the app CSP with connect-src self', async ({
  harness,
}) => {
  const ok = await fetch(harness.url);
  expect(ok.status).toBe(200);
  const csp = ok.headers.get('content-security-policy')!;
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("default-src 'none'");
  expect(await ok.text()).toContain('harness-bridge.js');

  expect((await fetch(`${harness.origin}/index.html`)).status).toBe(403);
  expect((await fetch(`${harness.origin}/not-the-token/index.html`)).status).toBe(403);
  const rpc = (token: string) =>
    fetch(`${harness.origin}/${token}/rpc`, { method: 'POST', body: JSON.stringify({ channel: 'vault.status' }) });
  expect((await rpc('x'.repeat(harness.token.length))).status).toBe(403);
  expect(await (await rpc(harness.token)).json()).toEqual({
    ok: true,
    value: { state: 'uninitialized', failedAttempts: 0, retryAfterMs: 0 },
  });
  expect((await fetch(`${harness.origin}/${harness.token}/../../etc/passwd`)).status).not.toBe(200);
});
