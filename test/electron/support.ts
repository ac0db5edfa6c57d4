import { _electron as electron, test, type ElectronApplication } from '@playwright/test';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The Electron binary, or null where it was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD).
 * Found without `require('electron')`, which would try to download it on the spot.
 */
export function electronBinary(): string | null {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const binary = join(distDir, readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

export const SKIP_REASON = 'no Electron binary installed (ELECTRON_SKIP_BINARY_DOWNLOAD); these tests run where one is';

/** Skips the whole file with one clear line when there is no Electron binary. */
export function requireElectron(): void {
  test.skip(electronBinary() === null, SKIP_REASON);
}

/** Launches the built app (npm run build) with a fresh data directory. */
export async function launchApp(): Promise<{ app: ElectronApplication; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-electron-'));
  const app = await electron.launch({
    executablePath: electronBinary() ?? undefined,
    args: ['.', `--data-dir=${dataDir}`],
    env: { ...process.env, KEYWARD_KDF: 'minimum' },
  });
  return { app, dataDir };
}
