import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromiumProfileDir, isInsideDir, isKeywardFile } from '../../main/chromium-profile.ts';
import { csvCell } from '../../main/costs/records.ts';
import { notificationBody } from '../../main/platform/notifications.ts';
import { checkedWorkerScript, sha256Of, WorkerTampered } from '../../main/worker-integrity.ts';
import { tempDir } from '../support/temp.ts';
import { createdVault } from '../support/vault.ts';

// Issue 18, item 10: the decisions that only a packaged Electron build shows end to end,
// made pure and tested here (docs/reliability.md, §8).

describe('worker scripts outside the asar', () => {
  it('start only with the bytes the build hashed', () => {
    const dir = tempDir();
    const script = join(dir, 'verify-worker.cjs');
    writeFileSync(script, 'postMessage("ok")');
    const hashes = { 'verify-worker.cjs': sha256Of(Buffer.from('postMessage("ok")')) };
    expect(checkedWorkerScript(script, 'verify-worker.cjs', hashes)).toBe(script);
    writeFileSync(script, 'postMessage("ok"); steal(workerData.dataKey)');
    expect(() => checkedWorkerScript(script, 'verify-worker.cjs', hashes)).toThrow(WorkerTampered);
    expect(() => checkedWorkerScript(script, 'import-worker.cjs', hashes)).toThrow(/no recorded hash/);
    expect(() => checkedWorkerScript(join(dir, 'missing.cjs'), 'verify-worker.cjs', hashes)).toThrow(/cannot be read/);
  });

  it('the build computes the hashes and compiles them into the main bundle', async () => {
    const { readFileSync } = await import('node:fs');
    const build = readFileSync('scripts/build.ts', 'utf8');
    expect(build).toMatch(/KEYWARD_WORKER_HASHES: JSON\.stringify\(workerHashes\)/);
    const main = readFileSync('main/index.ts', 'utf8');
    expect(main).toMatch(/checkedWorkerScript\(/);
  });
});

describe('Chromium’s own files', () => {
  it('go to a sibling directory of the vault’s, never inside it', () => {
    const profile = chromiumProfileDir('/home/me/.config/Keyward');
    expect(profile).toBe('/home/me/.config/Keyward-chromium');
    expect(isInsideDir('/home/me/.config/Keyward', profile)).toBe(false);
    expect(chromiumProfileDir('/data/vault/')).toBe('/data/vault-chromium');
  });

  it('a download into the vault directory is refused; elsewhere allowed', () => {
    expect(isInsideDir('/v', '/v/usage.csv')).toBe(true);
    expect(isInsideDir('/v', '/v/backups/x.csv')).toBe(true);
    expect(isInsideDir('/v', '/v-chromium/x.csv')).toBe(false);
    expect(isInsideDir('/v', '/home/me/Downloads/usage.csv')).toBe(false);
  });

  it('knows every file Keyward itself writes (what the Electron test checks after a session)', async () => {
    const services = await createdVault();
    services.vault.backup('manual', 'app');
    const { readdirSync } = await import('node:fs');
    const names = readdirSync(services.vault.files.dir);
    services.vault.lock('manual');
    expect(names.filter((name) => !isKeywardFile(name))).toEqual([]);
    for (const chromium of [
      'Local Storage',
      'Cache',
      'Code Cache',
      'GPUCache',
      'Preferences',
      'Cookies',
      'Session Storage',
      'usage.csv',
    ]) {
      expect(isKeywardFile(chromium), chromium).toBe(false);
    }
  });
});

describe('CSV export', () => {
  it('guards cells that start with a full-width or small formula sign', () => {
    for (const sign of ['＝', '＋', '－', '＠', '﹦', '﹢', '﹣', '﹫'])
      expect(csvCell(`${sign}SUM(A1)`), sign).toBe(`'${sign}SUM(A1)`);
    expect(csvCell('東京 key')).toBe('東京 key');
  });
});

describe('notification bodies', () => {
  it('are escaped for Linux daemons that parse markup, and left as they are elsewhere', () => {
    const body = 'Key <a href="https://evil.example">renew</a> & <b>now</b>';
    expect(notificationBody(body, 'linux')).toBe(
      'Key &#60;a href=&#34;https://evil.example&#34;&#62;renew&#60;/a&#62; &#38; &#60;b&#62;now&#60;/b&#62;',
    );
    expect(notificationBody(body, 'darwin')).toBe(body);
    expect(notificationBody(body, 'win32')).toBe(body);
  });
});
