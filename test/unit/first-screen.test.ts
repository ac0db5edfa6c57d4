import { afterEach, describe, expect, it } from 'vitest';
import { fakeKeys } from '../support/fake-keys.ts';
import { appLike } from '../support/app.ts';

// After an unlock the window asks for the first screen's rows, paints them, then asks for the rest.
describe('the first screen of keys', () => {
  const apps: Array<ReturnType<typeof appLike>> = [];
  afterEach(() => {
    for (const app of apps.splice(0)) app.services.vault.lock('quit');
  });

  async function vaultOf(labels: Array<{ label: string; provider: string; favourite?: boolean }>) {
    const app = appLike();
    apps.push(app);
    await app.create();
    for (const [i, key] of labels.entries())
      await app.api.keys.add({ ...key, secret: fakeKeys.github(`first-screen-${i}`), favourite: key.favourite ?? false });
    return app;
  }

  const labels = [
    { label: 'zeta deploy', provider: 'openai' },
    { label: 'Alpha bot', provider: 'stripe' },
    { label: 'beta sync', provider: 'anthropic' },
    { label: 'Key 10', provider: 'openai' },
    { label: 'Key 9', provider: 'openai', favourite: true },
    { label: 'gamma', provider: 'github' },
  ];

  it('is the head of the whole list, in the cards’ order or by name', async () => {
    const app = await vaultOf(labels);
    const all = await app.api.keys.list();
    const head = await app.api.keys.list({ limit: 3 });
    expect(head.map((key) => key.label)).toEqual(all.slice(0, 3).map((key) => key.label));
    expect(all[0]!.label).toBe('Key 9'); // a favourite leads the cards
    const byName = await app.api.keys.list({ limit: 4, order: 'name' });
    expect(byName.map((key) => key.label)).toEqual(['Alpha bot', 'beta sync', 'gamma', 'Key 9']);
    // A limit past the end is the whole list; the search applies before it.
    expect(await app.api.keys.list({ limit: 100 })).toHaveLength(labels.length);
    expect((await app.api.keys.list({ search: 'key', order: 'name', limit: 5 })).map((key) => key.label)).toEqual([
      'Key 9',
      'Key 10',
    ]);
  });

  it('refuses a limit that is not a positive whole number', async () => {
    const app = await vaultOf([]);
    await expect(app.api.keys.list({ limit: 0 })).rejects.toMatchObject({ code: 'Invalid' });
    await expect(app.api.keys.list({ limit: 1.5 })).rejects.toMatchObject({ code: 'Invalid' });
    await expect(app.api.keys.list({ order: 'random' as never })).rejects.toMatchObject({ code: 'Invalid' });
  });
});
