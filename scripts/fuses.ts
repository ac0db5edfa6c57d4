/**
 * Electron fuses, flipped in the packaged binary after packing (electron-builder `afterPack`).
 * Every fuse is decided here: `strictlyRequireAllFuses` makes packaging fail when a newer
 * Electron adds one we have not decided (electron-builder's own `electronFuses` option cannot
 * express the newest fuses, which is why this is a hook).
 */
import { flipFuses, FuseV1Options, FuseVersion, type FuseConfig } from '@electron/fuses';
import { join } from 'node:path';

/** `KEYWARD_TEST_BUILD=1` (npm run dist:e2e) turns on only the inspector, which Playwright's _electron needs. */
export function fuseConfig(options: { testBuild: boolean }): FuseConfig {
  return {
    version: FuseVersion.V1,
    strictlyRequireAllFuses: true,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: options.testBuild,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    // V8's WebAssembly bounds checks through signal handlers: Electron's default, kept.
    [FuseV1Options.WasmTrapHandlers]: true,
  };
}

/** The subset of electron-builder's AfterPackContext this hook reads. */
export interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName: string };
}

const ARM64 = 3; // electron-builder's Arch.arm64

export function packagedBinary(context: PackContext): string {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(context.appOutDir, `${name}.app`);
    case 'win32':
      return join(context.appOutDir, `${name}.exe`);
    default:
      return join(context.appOutDir, context.packager.executableName);
  }
}

export async function flipPackagedFuses(context: PackContext): Promise<void> {
  const config = fuseConfig({ testBuild: process.env.KEYWARD_TEST_BUILD === '1' });
  await flipFuses(packagedBinary(context), {
    ...config,
    // Apple silicon refuses an ad-hoc signed binary once it is modified; electron-builder signs after this hook.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === ARM64,
  });
}
