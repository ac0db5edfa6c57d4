import { afterEach, describe, expect, it } from 'vitest';
import type { KeySummary } from '../../contract/keys.ts';
import type { DueItem } from '../../contract/reminders.ts';
import { copiedBody, TrayController, type CopyOutcome, type TrayHost } from '../../main/tray/controller.ts';
import { buildTrayModel, LABEL_MAX, trayKeys, type TrayItem, type TrayModel, type TrayState } from '../../main/tray/menu.ts';
import { appLike } from '../support/app.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { PASSWORD } from '../support/vault.ts';

/** A menu as text, one line per item, submenus indented: what a person would see. */
function outline(items: TrayItem[], depth = 0): string[] {
  const pad = '  '.repeat(depth);
  return items.flatMap((item) => {
    switch (item.kind) {
      case 'separator':
        return [`${pad}---`];
      case 'label':
        return [`${pad}(${item.label})`];
      case 'action':
        return [`${pad}${item.label}`];
      case 'submenu':
        return [`${pad}${item.label} >`, ...outline(item.items, depth + 1)];
    }
  });
}

function actions(items: TrayItem[]): unknown[] {
  return items.flatMap((item) => (item.kind === 'action' ? [item.action] : item.kind === 'submenu' ? actions(item.items) : []));
}

const state = (over: Partial<TrayState>): TrayState => ({
  vault: 'unlocked',
  favourites: [],
  recent: [],
  attention: [],
  ...over,
});

const due = (over: Partial<DueItem>): DueItem => ({
  keyId: 'k1',
  label: 'Chatbot prod',
  provider: 'openai',
  environment: 'prod',
  reason: 'expiry',
  historySeq: 0,
  dueDate: '2026-11-29',
  daysLeft: 2,
  tone: 'soon',
  summary: 'Expires in 2 days',
  interval: null,
  snoozedUntil: null,
  ...over,
});

describe('the tray menu model', () => {
  it('locked: says so, and offers a copy item that leads to the unlock window, Open and Quit', () => {
    const model = buildTrayModel(state({ vault: 'locked' }));
    expect(model.tooltip).toBe('Keyward: locked');
    expect(outline(model.items)).toEqual(['(Keyward is locked)', '---', 'Copy a key…', '---', 'Open Keyward', 'Quit Keyward']);
    expect(actions(model.items)).toEqual([{ type: 'unlock-to-copy' }, { type: 'open' }, { type: 'quit' }]);
  });

  it('locked: shows no label even when keys were known, since labels are vault data', () => {
    const model = buildTrayModel(
      state({ vault: 'locked', favourites: [{ id: 'a', label: 'Chatbot prod', provider: 'openai' }] }),
    );
    expect(JSON.stringify(model)).not.toContain('Chatbot');
  });

  it('without a vault: only Open and Quit', () => {
    expect(outline(buildTrayModel(state({ vault: 'uninitialized' })).items)).toEqual([
      '(No vault yet)',
      '---',
      'Open Keyward',
      'Quit Keyward',
    ]);
  });

  it('unlocked with no keys: says there is nothing to copy, offers Lock now', () => {
    const model = buildTrayModel(state({}));
    expect(model.tooltip).toBe('Keyward: unlocked');
    expect(outline(model.items)).toEqual([
      '(Keyward is unlocked)',
      '---',
      '(No favourite or recently copied keys)',
      '---',
      'Lock now',
      'Open Keyward',
      'Quit Keyward',
    ]);
  });

  it('unlocked: favourites and recent keys, grouped by provider, labels only', () => {
    const model = buildTrayModel(
      state({
        favourites: [
          { id: 'f1', label: 'Support bot', provider: 'openai' },
          { id: 'f2', label: 'Shop live', provider: 'stripe' },
          { id: 'f3', label: 'Chatbot prod', provider: 'openai' },
        ],
        recent: [{ id: 'r1', label: 'Gateway', provider: 'custom:Acme' }],
      }),
    );
    expect(outline(model.items)).toEqual([
      '(Keyward is unlocked)',
      '---',
      'Copy favourite >',
      '  (OpenAI)',
      '  Support bot',
      '  Chatbot prod',
      '  ---',
      '  (Stripe)',
      '  Shop live',
      'Copy recent >',
      '  (Acme)',
      '  Gateway',
      '---',
      'Lock now',
      'Open Keyward',
      'Quit Keyward',
    ]);
    expect(actions(model.items).slice(0, 3)).toEqual([
      { type: 'copy', keyId: 'f1' },
      { type: 'copy', keyId: 'f3' },
      { type: 'copy', keyId: 'f2' },
    ]);
  });

  it('needs attention: a counted submenu whose items open the key; snoozed ones are left out', () => {
    const model = buildTrayModel(
      state({
        attention: [
          due({ keyId: 'k1', label: 'Old token', daysLeft: -3, summary: 'Expired 3 days ago', tone: 'expired' }),
          due({ keyId: 'k2', label: 'Chatbot prod' }),
          due({ keyId: 'k3', label: 'Snoozed', snoozedUntil: '2026-12-01T00:00:00.000Z' }),
        ],
      }),
    );
    expect(model.tooltip).toBe('Keyward: 2 keys need attention');
    expect(outline(model.items)).toContain('Needs attention (2) >');
    expect(outline(model.items)).toContain('  Old token: Expired 3 days ago');
    expect(actions(model.items)).toContainEqual({ type: 'show-key', keyId: 'k2' });
    expect(JSON.stringify(model)).not.toContain('Snoozed');
    expect(buildTrayModel(state({ attention: [due({})] })).tooltip).toBe('Keyward: 1 key needs attention');
  });

  it('keeps long labels and long lists short', () => {
    const long = 'L'.repeat(200);
    const many = Array.from({ length: 30 }, (_, i) => ({ id: `f${i}`, label: i === 0 ? long : `Key ${i}`, provider: 'github' }));
    const model = buildTrayModel(
      state({ favourites: many, attention: Array.from({ length: 12 }, (_, i) => due({ keyId: `k${i}` })) }),
    );
    const text = outline(model.items);
    expect(text).toContain(`  ${'L'.repeat(LABEL_MAX - 1)}…`);
    expect(text).toContain('  10 more in Keyward…');
    expect(text).toContain('  All 12 in Keyward…');
  });

  it('takes favourites, and the five most recently copied keys that are not favourites', () => {
    const key = (id: string, favourite: boolean, lastCopiedAt: string | null) =>
      ({ id, label: id, provider: 'openai', favourite, lastCopiedAt }) as KeySummary;
    const keys = [
      key('fav', true, '2026-11-27T10:00:00.000Z'),
      ...['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => key(id, false, `2026-11-2${i}T10:00:00.000Z`)),
      key('never', false, null),
    ];
    const picked = trayKeys(keys);
    expect(picked.favourites.map((k) => k.id)).toEqual(['fav']);
    expect(picked.recent.map((k) => k.id)).toEqual(['f', 'e', 'd', 'c', 'b']);
    expect(Object.keys(picked.recent[0]!).sort()).toEqual(['id', 'label', 'provider']);
  });
});

describe('the tray controller', () => {
  const apps: Array<ReturnType<typeof appLike>> = [];
  afterEach(() => {
    for (const app of apps.splice(0)) app.services.vault.lock('quit');
  });

  async function trayed() {
    const app = appLike();
    apps.push(app);
    const rendered: TrayModel[] = [];
    const host = { shown: 0, quits: 0, popups: 0 };
    const hostApi: TrayHost = {
      showWindow: () => void host.shown++,
      quit: () => void host.quits++,
      popUpMenu: () => void host.popups++,
    };
    const copies: string[] = [];
    let fail = false;
    const tray = new TrayController({
      ...app.services,
      notifications: app.notifications,
      host: hostApi,
      render: (model) => rendered.push(model),
      copy: async (id, source): Promise<CopyOutcome> => {
        if (fail) throw new Error('clipboard busy with sk-FAKE-secret');
        copies.push(`${id}:${source}`);
        return { label: (await app.api.keys.get({ id })).label, clearAfterMs: 30_000 };
      },
    });
    tray.attach();
    return { app, tray, rendered, host, copies, latest: () => outline(rendered.at(-1)!.items), failNext: () => (fail = true) };
  }

  it('rebuilds the menu on every state change: create, add, attention, lock', async () => {
    const t = await trayed();
    expect(t.latest()[0]).toBe('(No vault yet)');
    await t.app.create();
    expect(t.latest()[0]).toBe('(Keyward is unlocked)');
    await t.app.api.keys.add({
      label: 'Chatbot prod',
      secret: fakeKeys.openaiProject(),
      favourite: true,
      expiresAt: t.app.day(1),
    });
    expect(t.latest()).toContain('  Chatbot prod');
    expect(t.latest()).toContain('Needs attention (1) >');
    t.app.services.vault.lock('manual');
    expect(t.latest()[0]).toBe('(Keyward is locked)');
    expect(JSON.stringify(t.rendered)).not.toContain(fakeKeys.openaiProject());
  });

  it('copies through the given clipboard path as the tray, and says when it clears', async () => {
    const t = await trayed();
    await t.app.create();
    const key = await t.app.api.keys.add({ label: 'Chatbot prod', secret: fakeKeys.openaiProject(), favourite: true });
    await t.tray.run({ type: 'copy', keyId: key.id });
    expect(t.copies).toEqual([`${key.id}:tray`]);
    expect(t.app.notifications.shown.at(-1)).toEqual({ title: 'Keyward', body: 'Copied Chatbot prod — clears in 30 s' });
    t.failNext();
    await t.tray.run({ type: 'copy', keyId: key.id });
    expect(t.app.notifications.shown.at(-1)).toEqual({
      title: 'Nothing was copied',
      body: 'The clipboard could not be written.',
    });
    expect(copiedBody('X', null)).toBe('Copied X. The clipboard is not cleared automatically.');
  });

  it('when locked, a copy item opens the unlock window, and the menu pops up once unlocked', async () => {
    const t = await trayed();
    await t.app.create();
    t.app.services.vault.lock('manual');
    await t.tray.run({ type: 'unlock-to-copy' });
    expect(t.host).toMatchObject({ shown: 1, popups: 0 });
    await t.app.api.vault.unlock({ password: PASSWORD });
    expect(t.host.popups).toBe(1);
    // Only once: the next unlock does not pop anything up.
    t.app.services.vault.lock('manual');
    await t.app.api.vault.unlock({ password: PASSWORD });
    expect(t.host.popups).toBe(1);
  });

  it('opens the window at a key, locks, opens and quits', async () => {
    const t = await trayed();
    await t.app.create();
    await t.tray.run({ type: 'show-key', keyId: '3f0c0000-0000-4000-8000-000000000000' });
    expect(t.app.eventsNamed('showKey')).toEqual([{ id: '3f0c0000-0000-4000-8000-000000000000' }]);
    await t.tray.run({ type: 'lock' });
    expect(t.app.services.vault.isUnlocked()).toBe(false);
    expect(t.app.eventsNamed('locked')).toEqual([{ reason: 'manual' }]);
    await t.tray.run({ type: 'open' });
    await t.tray.run({ type: 'quit' });
    expect(t.host).toMatchObject({ shown: 2, quits: 1 });
  });
});
