import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Security decisions as pure functions, so they are tested without Electron. The Electron edge
 * (window.ts, ipc.ts, protocol.ts) only asks them and acts.
 */

/** The renderer is served from this origin and nowhere else. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'keyward';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Content-Security-Policy for every response of the app protocol: our own scripts and styles
 * only, no network, no frames, no plugins, no inline script.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** True only for our own origin, exactly (scheme and host are compared case-insensitively by URL). */
export function isAppUrl(raw: string): boolean {
  const url = parseUrl(raw);
  return (
    url !== null && url.protocol === `${APP_SCHEME}:` && url.host.toLowerCase() === APP_HOST && !url.username && !url.password
  );
}

/** IPC is answered only for our page's main frame: never an iframe, never another origin. */
export function isTrustedSender(frame: { url: string; isMainFrame: boolean } | null | undefined): boolean {
  return frame != null && frame.isMainFrame && isAppUrl(frame.url);
}

/** The renderer is a single page: any navigation away from it is refused. */
export function mayNavigate(targetUrl: string): boolean {
  return isAppUrl(targetUrl);
}

/**
 * Maps an app:// request to a file inside the built renderer, or null for anything that
 * would escape it (`..`, encoded separators, absolute paths, other hosts).
 */
export function resolveAppFile(rendererDir: string, requestUrl: string): string | null {
  const url = parseUrl(requestUrl);
  if (!url || !isAppUrl(requestUrl)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relativePath = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = resolve(rendererDir);
  const file = resolve(root, relativePath);
  const inside = relative(root, file);
  if (!inside || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..')) return null;
  return file;
}

/**
 * Links Keyward may hand to the system browser: https only, no credentials in the URL, and
 * only hosts we put there ourselves (the provider catalog's console pages).
 */
export function isAllowedExternalUrl(raw: string, allowedHosts: ReadonlySet<string>): boolean {
  // Control characters and whitespace are where URL parsers disagree; refuse rather than guess.
  if ([...raw].some((char) => char.charCodeAt(0) < 0x20 || /\s/.test(char))) return false;
  const url = parseUrl(raw);
  if (!url) return false;
  return url.protocol === 'https:' && !url.username && !url.password && allowedHosts.has(url.hostname.toLowerCase());
}
