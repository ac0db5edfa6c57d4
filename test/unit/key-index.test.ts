import { afterEach, describe, expect, it } from 'vitest';
import { contract } from '../../contract/index.ts';
import { matchesWords, searchableText, searchWords } from '../../contract/key-search.ts';
import type { Services } from '../../main/services.ts';
import { tempDir } from '../support/temp.ts';
import { createdVault, ManualClock, PASSWORD, servicesIn } from '../support/vault.ts';

// KeyService keeps the sorted list and the search texts between calls: every way a key can
// change must show in the next list, whichever connection or process changed it.
const opened: Services[] = [];
afterEach(() => {
  for (const services of opened.splice(0)) services.vault.lock('quit');
});

function add(services: Services, label: string, extra: Record<string, unknown> = {}) {
  return services.keys.add(
    contract.keys.add.input.parse({ label, provider: 'openai', secret: `FAKE-not-a-known-format-${label}`, ...extra }),
    'app',
  );
}

const labels = (services: Services, search?: string) => services.keys.list(search ? { search } : {}).map((key) => key.label);

describe('the key list kept between calls', () => {
  it('shows every change made through this connection at once', async () => {
    const dir = tempDir();
    const services = await createdVault(dir);
    opened.push(services);
    const a = add(services, 'Alpha');
    expect(labels(services)).toEqual(['Alpha']);
    add(services, 'Beta');
    expect(labels(services)).toEqual(['Alpha', 'Beta']);
    services.keys.update(contract.keys.update.input.parse({ id: a.id, label: 'Zulu', favourite: false }), 'app');
    expect(labels(services)).toEqual(['Beta', 'Zulu']);
    expect(labels(services, 'zul')).toEqual(['Zulu']);
    services.keys.remove(a.id, 'app');
    expect(labels(services)).toEqual(['Beta']);
  });

  it('shows a change another connection committed (the CLI, a second window)', async () => {
    const dir = tempDir();
    const first = await createdVault(dir);
    opened.push(first);
    add(first, 'From the app');
    expect(labels(first)).toEqual(['From the app']);
    const second = servicesIn(dir, new ManualClock());
    await second.vault.unlock(PASSWORD, 'cli');
    opened.push(second);
    add(second, 'From the CLI', { tags: ['ci'] });
    expect(labels(first)).toEqual(['From the app', 'From the CLI']);
    expect(labels(first, 'ci')).toEqual(['From the CLI']);
  });

  it('is dropped on lock', async () => {
    const dir = tempDir();
    const services = await createdVault(dir);
    add(services, 'Alpha');
    expect(labels(services)).toEqual(['Alpha']);
    services.vault.lock('manual');
    expect(() => services.keys.list({})).toThrow(/locked/i);
    await services.vault.unlock(PASSWORD, 'app');
    opened.push(services);
    expect(labels(services)).toEqual(['Alpha']);
  });
});

describe('the search shared by main and the window', () => {
  it('needs every word, anywhere, in any case', () => {
    const key = {
      label: 'Deploy Bot',
      provider: 'github',
      masked: 'ghp_…wxyz',
      tags: ['CI'],
      usedIn: ['web-shop'],
      notes: 'Read-only',
    } as Parameters<typeof searchableText>[0];
    const text = searchableText(key);
    expect(matchesWords(text, searchWords('  deploy  GITHUB '))).toBe(true);
    expect(matchesWords(text, searchWords('ci shop read-only'))).toBe(true);
    expect(matchesWords(text, searchWords('deploy stripe'))).toBe(false);
    // The masked value's prefix says what kind of key it is; its last characters say nothing.
    expect(matchesWords(text, searchWords('ghp_'))).toBe(true);
    expect(matchesWords(text, searchWords('wxyz'))).toBe(false);
    expect(searchWords('')).toEqual([]);
  });
});
