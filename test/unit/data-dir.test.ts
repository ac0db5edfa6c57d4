import { describe, expect, it } from 'vitest';
import { dataDirFromArgs, defaultDataDir } from '../../main/data-dir.ts';

describe('data directory', () => {
  it('matches Electron’s userData for the app name on each OS', () => {
    expect(defaultDataDir('linux', {}, '/home/ada')).toBe('/home/ada/.config/Keyward');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ada')).toBe('/xdg/Keyward');
    expect(defaultDataDir('darwin', {}, '/Users/ada')).toBe('/Users/ada/Library/Application Support/Keyward');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada')).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Keyward',
    );
  });
  it('KEYWARD_DATA_DIR overrides the default', () => {
    expect(defaultDataDir('linux', { KEYWARD_DATA_DIR: '/portable/vault' }, '/home/ada')).toBe('/portable/vault');
  });
  it('reads --data-dir in both spellings', () => {
    expect(dataDirFromArgs(['electron', '.', '--data-dir', '/a'])).toBe('/a');
    expect(dataDirFromArgs(['electron', '.', '--data-dir=/b'])).toBe('/b');
    expect(dataDirFromArgs(['electron', '.'])).toBeUndefined();
  });
});
