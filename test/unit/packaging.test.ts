import { FuseV1Options } from '@electron/fuses';
import { listPackage } from '@electron/asar';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { channels, eventNames, windowChannels } from '../../contract/index.ts';
import { fuseConfig, packagedBinary } from '../../scripts/fuses.ts';
import { tempDir } from '../support/temp.ts';

const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown> & {
  files: string[];
  asarUnpack: string[];
};

describe('electron-builder.yml', () => {
  it('flips fuses after packing, with every fuse Electron has decided explicitly', () => {
    expect(config.afterPack).toBe('scripts/after-pack.mjs');
    expect(config).not.toHaveProperty('electronFuses');
    const decided = fuseConfig({ testBuild: false }) as unknown as Record<string, unknown>;
    expect(decided.strictlyRequireAllFuses).toBe(true);
    const fuses = Object.entries(FuseV1Options).filter(([name]) => Number.isNaN(Number(name)));
    for (const [name, index] of fuses) expect(typeof decided[index as number], name).toBe('boolean');
    const value = (fuse: FuseV1Options, testBuild = false) =>
      (fuseConfig({ testBuild }) as unknown as Record<number, boolean>)[fuse];
    expect(value(FuseV1Options.RunAsNode)).toBe(false);
    expect(value(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(false);
    expect(value(FuseV1Options.EnableNodeCliInspectArguments)).toBe(false);
    expect(value(FuseV1Options.EnableNodeCliInspectArguments, true)).toBe(true);
    expect(value(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(true);
    expect(value(FuseV1Options.OnlyLoadAppFromAsar)).toBe(true);
    expect(value(FuseV1Options.EnableCookieEncryption)).toBe(true);
    expect(value(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(false);
    // The test build differs in the inspector fuse only.
    const differs = fuses.filter(([, index]) => value(index as FuseV1Options) !== value(index as FuseV1Options, true));
    expect(differs.map(([name]) => name)).toEqual(['EnableNodeCliInspectArguments']);
  });

  it('finds the packaged binary the fuses are written into on each OS', () => {
    const context = (platform: string) => ({
      appOutDir: '/out',
      electronPlatformName: platform,
      arch: 1,
      packager: { appInfo: { productFilename: 'Keyward' }, executableName: 'keyward' },
    });
    expect(packagedBinary(context('darwin'))).toBe('/out/Keyward.app');
    expect(packagedBinary(context('win32'))).toBe('/out/Keyward.exe');
    expect(packagedBinary(context('linux'))).toBe('/out/keyward');
  });

  it('ships native modules unpacked and never rebuilds them', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('ships the built app only: no sources, tests or source maps', () => {
    expect(config.files.filter((f) => !f.startsWith('!'))).toEqual([
      'dist/main/**',
      'dist/preload/**',
      'dist/renderer/**',
      'package.json',
    ]);
    expect(config.files).toEqual(expect.arrayContaining(['!**/*.map', '!**/*.{ts,tsx,mts,cts}']));
  });

  it('targets every OS the way the issue asks, with icons that exist', () => {
    expect(config).toMatchObject({
      appId: 'dev.keyward.app',
      productName: 'Keyward',
      linux: { target: ['AppImage', 'deb', 'tar.gz'] },
      win: { target: ['nsis', 'portable'] },
      nsis: { perMachine: false, oneClick: false },
      mac: { target: ['dmg', 'zip'], hardenedRuntime: true, entitlements: 'build/entitlements.mac.plist' },
    });
    for (const path of [
      'build/icon.icns',
      'build/icon.ico',
      'build/icon.png',
      'build/icons/512x512.png',
      'build/entitlements.mac.plist',
    ]) {
      expect(existsSync(path), path).toBe(true);
    }
  });
});

/**
 * dist/ as scripts/build.ts makes it, built once for this file. `npm test` builds once before every
 * suite and says so with KEYWARD_BUILT=1; run on its own, this file builds.
 */
let built = process.env.KEYWARD_BUILT === '1';
function buildOnce(): void {
  if (built) return;
  execFileSync(process.execPath, ['scripts/build.ts'], { stdio: 'pipe' });
  built = true;
}

describe('the built preload', () => {
  let source = '';
  beforeAll(() => {
    buildOnce();
    source = readFileSync('dist/preload/index.cjs', 'utf8');
  }, 120_000);

  it('is one CommonJS file that requires nothing but electron', () => {
    const required = [...source.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(source).not.toMatch(/\bimport\s*\(|^\s*import\s/m);
  });

  it('exposes exactly the contract as window.keyward (less what is closed to the window), pathForFile, and nothing else', async () => {
    const exposed: Record<string, unknown> = {};
    const invoked: string[] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (name: string, api: unknown) => (exposed[name] = api) },
      ipcRenderer: { invoke: (channel: string) => invoked.push(channel), on: () => {}, removeListener: () => {} },
      // Electron gives a path for a File the user picked or dropped, '' for one the page made.
      webUtils: { getPathForFile: (file: { picked?: string }) => file.picked ?? '' },
    };
    const required: string[] = [];
    const require = (name: string) => {
      required.push(name);
      return fakeElectron;
    };
    runInNewContext(source, { require, module: { exports: {} }, exports: {} });
    expect(Object.keys(exposed)).toEqual(['keyward']);
    const bridge = exposed.keyward as Record<
      string,
      Record<string, (input?: unknown) => unknown> | ((...a: unknown[]) => unknown)
    >;
    const methods = Object.entries(bridge).flatMap(([slice, value]) =>
      typeof value === 'function' ? [slice] : Object.keys(value).map((name) => `${slice}.${name}`),
    );
    expect(methods.sort()).toEqual([...windowChannels, 'on', 'pathForFile'].sort());
    // keys.resolve hands out plaintext in bulk: the CLI's alone (contract/define.ts doors).
    expect(channels.filter((channel) => !windowChannels.includes(channel))).toEqual(['keys.resolve']);
    for (const channel of windowChannels) {
      const [slice, name] = channel.split('.') as [string, string];
      (bridge[slice] as Record<string, () => unknown>)[name]!();
    }
    expect(invoked).toEqual(windowChannels);
    // A path reaches main only if Electron gave it for a picked file (issue 19).
    const pathForFile = bridge.pathForFile as (file: unknown) => string | null;
    const preview = (bridge.usage as Record<string, (input: unknown) => unknown>).preview!;
    invoked.length = 0;
    expect(await preview({ file: { path: '/home/user/.ssh/id_ed25519' } })).toMatchObject({
      ok: false,
      error: { code: 'Forbidden' },
    });
    expect(pathForFile({})).toBeNull();
    expect(pathForFile({ picked: '/home/user/activity.csv' })).toBe('/home/user/activity.csv');
    await preview({ file: { path: '/home/user/activity.csv' } });
    await preview({ file: { name: 'activity.csv', base64: 'AAAA' } });
    expect(invoked).toEqual(['usage.preview', 'usage.preview']);
    const on = bridge.on as (name: string, listener: () => void) => () => void;
    for (const name of eventNames) expect(typeof on(name, () => {})).toBe('function');
    expect(() => on('not-an-event', () => {})).toThrow(/Unknown event/);
  });
});

describe('a packed app', () => {
  // Packs the Linux layout, which is what this machine can produce.
  it.skipIf(process.platform !== 'linux')(
    'holds the built app and its runtime modules only, with this platform’s native binaries unpacked',
    () => {
      buildOnce();
      // No Electron binary can be downloaded here, so a stand-in is packed; the fuse hook then runs
      // against it and fails only because the stand-in has no fuse wire — proof that it ran.
      const fakeElectron = tempDir();
      writeFileSync(join(fakeElectron, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
      writeFileSync(join(fakeElectron, 'version'), 'v45.5.0');
      const out = tempDir();
      const result = spawnSync(
        process.execPath,
        [
          'node_modules/electron-builder/cli.js',
          '--linux',
          'dir',
          `-c.electronDist=${fakeElectron}`,
          '-c.electronVersion=45.5.0',
          `-c.directories.output=${out}`,
        ],
        { encoding: 'utf8', env: { ...process.env, CI: 'true' } },
      );
      expect(result.stdout + result.stderr).toContain('Could not find sentinel in the provided Electron binary');

      const resources = join(out, 'linux-unpacked', 'resources');
      const files = listPackage(join(resources, 'app.asar'), { isPack: false }).map((f) =>
        f.replaceAll('\\', '/').replace(/^\//, ''),
      );
      expect(files.filter((f) => /\.(map|tsx?)$/.test(f))).toEqual([]);
      const topLevel = new Set(files.map((f) => f.split('/')[0]));
      expect([...topLevel].sort()).toEqual(['dist', 'node_modules', 'package.json']);
      expect(files.filter((f) => f.startsWith('dist/')).every((f) => /^dist\/(main|preload|renderer)(\/|$)/.test(f))).toBe(true);
      expect(files.some((f) => f.startsWith('node_modules/zod/') || f.startsWith('node_modules/commander/'))).toBe(false);

      const natives = listFiles(join(resources, 'app.asar.unpacked')).filter((f) => f.endsWith('.node'));
      expect(natives.length).toBeGreaterThan(0);
      expect(natives.every((f) => f.includes(`${process.platform}-${process.arch}`))).toBe(true);
    },
    120_000,
  );
});

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => f.replaceAll('\\', '/'));
}
