import type { Protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, resolveAppFile } from '../security.ts';

/** Must run before `app.ready`: makes app:// a secure, standard origin (like https) for the renderer. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
}

/** The file types the renderer build produces; anything else is not served. Shared with the test harness. */
export const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Serves the built renderer from `rendererDir`, with the CSP on every response. Files are read
 * directly rather than through file://, so the file protocol needs no extra privileges.
 */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    const type = file ? contentTypes[extname(file)] : undefined;
    if (!file || !type) return new Response('Not found', { status: 404, headers: securityHeaders('text/plain') });
    try {
      return new Response(await readFile(file), { status: 200, headers: securityHeaders(type) });
    } catch {
      return new Response('Not found', { status: 404, headers: securityHeaders('text/plain') });
    }
  });
}

function securityHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}
