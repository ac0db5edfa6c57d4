import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const APP_NAME = 'Keyward';

/**
 * Where the vault lives when nothing says otherwise: the same directory Electron's
 * `app.getPath('userData')` gives the desktop app, so the CLI and the app open one vault.
 * `KEYWARD_DATA_DIR` (and the `--data-dir` flag, which wins) override it.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (env.KEYWARD_DATA_DIR) return env.KEYWARD_DATA_DIR;
  switch (platform) {
    case 'win32':
      return win32.join(env.APPDATA ?? win32.join(home, 'AppData', 'Roaming'), APP_NAME);
    case 'darwin':
      return posix.join(home, 'Library', 'Application Support', APP_NAME);
    default:
      return posix.join(env.XDG_CONFIG_HOME || posix.join(home, '.config'), APP_NAME);
  }
}

/** `--data-dir DIR` or `--data-dir=DIR` from a command line, if present. */
export function dataDirFromArgs(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--data-dir') return argv[i + 1];
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length);
  }
  return undefined;
}
