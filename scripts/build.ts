/**
 * Builds what Electron runs: main (Node, CommonJS), the preload (one sandbox-safe CommonJS file
 * that requires nothing but `electron`) and the renderer (Vite). `--renderer` builds the renderer
 * only, which is all the browser tests need. `--cli` builds only the `keyward` command's bundle
 * (also run by `npm install`, see package.json `prepare`).
 */
import { build as esbuild, type BuildOptions } from 'esbuild';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { eventNames, windowChannels } from '../contract/index.ts';
import { sha256Of } from '../main/worker-integrity.ts';

const rendererOnly = process.argv.includes('--renderer');
const cliOnly = process.argv.includes('--cli');

const shared: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: false,
  logLevel: 'warning',
  legalComments: 'none',
};

/**
 * The `keyward` command as one ES module: loading it is a single file read instead of Node
 * stripping types from ~100 sources, which is most of the command's start-up. The vault's
 * modules sit behind dynamic imports (CliContext.open), evaluated only when a command needs
 * them; the native modules stay in node_modules. bin/keyward.js runs the sources when this
 * bundle is missing.
 */
async function buildCli(): Promise<void> {
  rmSync('dist/cli', { recursive: true, force: true });
  await esbuild({
    ...shared,
    format: 'esm',
    // Split, so what a dynamic import brings (the services, SQLite, Argon2) is a chunk of its own,
    // read only when a command opens the vault.
    splitting: true,
    // The leak scan's worker is an entry of its own. Every file sits flat in dist/cli, so a
    // chunk finds the worker beside it (main/cli/context.ts scanWorker).
    entryPoints: { keyward: 'main/cli.ts', 'scan-worker': 'main/scan/worker.ts' },
    outdir: 'dist/cli',
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
    define: { KEYWARD_CLI_BUNDLE: 'true' },
    external: ['better-sqlite3-multiple-ciphers', 'argon2'],
    // Bundled CommonJS dependencies (commander, cross-spawn) call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __keywardRequire } from 'node:module'; const require = __keywardRequire(import.meta.url);",
    },
  });
}

if (cliOnly) {
  await buildCli();
  console.log('built dist/cli');
  process.exit(0);
}

if (!rendererOnly) {
  await Promise.all([
    buildCli(),
    // Imports run in a worker thread (main/costs/import-runner.ts): its own entry, beside main's.
    esbuild({
      ...shared,
      entryPoints: ['main/costs/import-worker.ts'],
      outfile: 'dist/main/import-worker.cjs',
      external: ['better-sqlite3-multiple-ciphers', 'argon2'],
    }),
    // The whole-file integrity check after unlock (main/vault/verify.ts): a worker of its own too.
    esbuild({
      ...shared,
      entryPoints: ['main/vault/verify-worker.ts'],
      outfile: 'dist/main/verify-worker.cjs',
      external: ['better-sqlite3-multiple-ciphers', 'argon2'],
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
      define: { KEYWARD_CHANNELS: JSON.stringify(windowChannels), KEYWARD_EVENTS: JSON.stringify(eventNames) },
    }),
  ]);
  // Main last: it carries the workers' hashes (main/worker-integrity.ts), checked before a worker starts.
  const workerHashes = Object.fromEntries(
    ['import-worker.cjs', 'verify-worker.cjs', 'scan-worker.cjs'].map((name) => [
      name,
      sha256Of(readFileSync(`dist/main/${name}`)),
    ]),
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
// Loaded here, not at the top: `--cli` (run by every npm install) never needs Vite.
const { build: viteBuild } = await import('vite');
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log(rendererOnly ? 'built dist/renderer' : 'built dist/main, dist/preload, dist/renderer, dist/cli');
