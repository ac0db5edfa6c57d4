/**
 * Builds what Electron runs: main (Node, CommonJS), the preload (one sandbox-safe CommonJS file
 * that requires nothing but `electron`) and the renderer (Vite). `--renderer` builds the renderer
 * only, which is all the browser tests need.
 */
import { build as esbuild, type BuildOptions } from 'esbuild';
import { cpSync, readFileSync } from 'node:fs';
import { build as viteBuild } from 'vite';
import { channels, eventNames } from '../contract/index.ts';
import { sha256Of } from '../main/worker-integrity.ts';

const rendererOnly = process.argv.includes('--renderer');

const shared: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: false,
  logLevel: 'warning',
  legalComments: 'none',
};

if (!rendererOnly) {
  await Promise.all([
    // Imports run in a worker thread (main/costs/import-runner.ts): its own entry, beside main's.
    esbuild({
      ...shared,
      entryPoints: ['main/costs/import-worker.ts'],
      outfile: 'dist/main/import-worker.cjs',
      external: ['better-sqlite3-multiple-ciphers'],
    }),
    // The whole-file integrity check after unlock (main/vault/verify.ts): a worker of its own too.
    esbuild({
      ...shared,
      entryPoints: ['main/vault/verify-worker.ts'],
      outfile: 'dist/main/verify-worker.cjs',
      external: ['better-sqlite3-multiple-ciphers'],
    }),
    // The leak scan reads hundreds of megabytes in a worker of its own (main/scan/service.ts).
    esbuild({
      ...shared,
      entryPoints: ['main/scan/worker.ts'],
      outfile: 'dist/main/scan-worker.cjs',
    }),
    esbuild({
      ...shared,
      entryPoints: ['preload/index.ts'],
      outfile: 'dist/preload/index.cjs',
      external: ['electron'],
      define: { KEYWARD_CHANNELS: JSON.stringify(channels), KEYWARD_EVENTS: JSON.stringify(eventNames) },
    }),
  ]);
  // Main last: it carries the workers' hashes (main/worker-integrity.ts), checked before a worker starts.
  const workerHashes = Object.fromEntries(
    ['import-worker.cjs', 'verify-worker.cjs', 'scan-worker.cjs'].map((name) => [name, sha256Of(readFileSync(`dist/main/${name}`))]),
  );
  await esbuild({
    ...shared,
    entryPoints: ['main/index.ts'],
    outfile: 'dist/main/index.cjs',
    // Native modules load from node_modules (unpacked from the asar in packages).
    external: ['electron', 'better-sqlite3-multiple-ciphers', 'argon2'],
    define: { KEYWARD_WORKER_HASHES: JSON.stringify(workerHashes) },
  });
  // The tray icons travel inside dist/main, the only place a package takes files from.
  cpSync('build/tray', 'dist/main/tray', { recursive: true });
}
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log(rendererOnly ? 'built dist/renderer' : 'built dist/main, dist/preload, dist/renderer');
