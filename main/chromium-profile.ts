import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path';

/**
 * Where Chromium keeps its own files (Local Storage, IndexedDB, GPU and code caches, cookies,
 * preferences, crash reports): NOT the vault directory, so nothing Chromium writes in plain text
 * sits beside the vault, lands in its backups, or is taken for part of it. A sibling directory of
 * the vault's, so each vault (--data-dir) still gets its own profile and its own single-instance
 * lock. (Issue 18, item 10: decided and unit-tested here; only a packaged or Electron-run app can
 * show it end to end, which test/electron/app.spec.ts does where an Electron binary exists.)
 */
export function chromiumProfileDir(dataDir: string): string {
  const dir = resolve(dataDir);
  return join(dirname(dir), `${basename(dir)}-chromium`);
}

/** Whether `path` is `dir` or inside it: a download saved there would put plain text beside the vault. */
export function isInsideDir(dir: string, path: string): boolean {
  const rel = relative(resolve(dir), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Every name Keyward itself puts in its data directory; anything else there after a session is a leak. */
export function isKeywardFile(name: string): boolean {
  return (
    /^vault\.db(-wal|-shm|-journal)?$/.test(name) ||
    /^vault\.header(\.next)?\.json$/.test(name) ||
    name === 'unlock-attempts.json' ||
    name === 'backups' ||
    /^damaged-[0-9TZ-]+$/.test(name) ||
    /\.[0-9a-f]{12}\.tmp$/.test(name)
  );
}
