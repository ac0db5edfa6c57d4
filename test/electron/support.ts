import { _electron as electron, test, type ElectronApplication } from '@playwright/test';
import type { Menu } from 'electron';
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

/**
 * From here on, every menu the app builds that holds `label` at its top level is kept in the
 * main process, so a test can click the tray's items the way a user would. Electron has no API to
 * read a tray's menu back; this wraps the documented `Menu.buildFromTemplate` instead of adding a
 * test hook to the app.
 */
export async function watchTrayMenu(app: ElectronApplication, label: string): Promise<void> {
  await app.evaluate(({ Menu }, wanted) => {
    const build = Menu.buildFromTemplate.bind(Menu);
    const held = globalThis as unknown as { keywardTrayMenu?: Menu };
    Menu.buildFromTemplate = (template) => {
      const menu = build(template);
      if (menu.items.some((item) => item.label === wanted)) held.keywardTrayMenu = menu;
      return menu;
    };
  }, label);
}

/** Clicks an item of the tray menu last built (see watchTrayMenu), as a click in the tray would. */
export async function clickTrayItem(app: ElectronApplication, label: string): Promise<void> {
  const clicked = await app.evaluate(({ BrowserWindow }, wanted) => {
    const menu = (globalThis as unknown as { keywardTrayMenu?: Menu }).keywardTrayMenu;
    const item = menu?.items.find((candidate) => candidate.label === wanted);
    if (!item) return false;
    item.click(undefined, BrowserWindow.getAllWindows()[0], undefined);
    return true;
  }, label);
  if (!clicked) throw new Error(`the tray menu has no item "${label}"`);
}
