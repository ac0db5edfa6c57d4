import { afterEach, describe, expect, it } from 'vitest';
import type { DueItem } from '../../contract/reminders.ts';
import {
  candidates,
  OVERDUE,
  rotationDue,
  shouldNotify,
  stageOf,
  summaryOf,
  toneOf,
  type KeyDates,
} from '../../main/reminders/due.ts';
import { MAX_SEPARATE_NOTICES } from '../../main/reminders/service.ts';
import { appLike, DAY_MS, HOUR_MS } from '../support/app.ts';
import { fakeKeys, moreFakeKeys } from '../support/fake-keys.ts';
import { PASSWORD } from '../support/vault.ts';

const LEADS = [14, 3, 1, 0];
const noPolicy = { dev: null, staging: null, prod: null, other: null };

describe('due-date rules', () => {
  const key = (over: Partial<KeyDates> = {}): KeyDates => ({
    id: 'k',
    label: 'Chatbot prod',
    provider: 'openai',
    environment: 'prod',
    expiresAt: null,
    rotateEveryDays: null,
    lastRotatedAt: null,
    createdAt: '2026-01-10T12:00:00.000Z',
    ...over,
  });

  it('reaches each lead time in turn, then the overdue stage', () => {
    expect([20, 15, 14, 4, 3, 2, 1, 0, -1, -400].map((days) => stageOf(days, LEADS))).toEqual([
      null,
      null,
      14,
      14,
      3,
      3,
      1,
      0,
      OVERDUE,
      OVERDUE,
    ]);
    // Without the day itself among the lead times, the day still belongs to the last one reached.
    expect(stageOf(0, [7])).toBe(7);
    expect(stageOf(0, [])).toBe(null);
  });

  it('notifies once per stage, nearer stages only, and stays quiet while snoozed', () => {
    const now = new Date('2026-11-27T12:00:00.000Z');
    const memory = (notifiedLead: number | null, snoozedUntil: string | null = null) => ({
      dueDate: '2026-12-01',
      notifiedLead,
      snoozedUntil,
    });
    expect(shouldNotify(null, null, now)).toBe(false);
    expect(shouldNotify(14, null, now)).toBe(true);
    expect(shouldNotify(14, memory(14), now)).toBe(false);
    expect(shouldNotify(3, memory(14), now)).toBe(true);
    expect(shouldNotify(14, memory(3), now)).toBe(false);
    expect(shouldNotify(OVERDUE, memory(0), now)).toBe(true);
    expect(shouldNotify(OVERDUE, memory(OVERDUE), now)).toBe(false);
    expect(shouldNotify(3, memory(null, '2026-11-28T12:00:00.000Z'), now)).toBe(false);
    expect(shouldNotify(3, memory(null, '2026-11-27T11:59:59.000Z'), now)).toBe(true);
  });

  it('dates rotation from the last rotation, else creation, by the key’s interval, else its environment’s', () => {
    const policy = { ...noPolicy, prod: 90 };
    expect(rotationDue(key(), noPolicy)).toBe(null);
    expect(rotationDue(key(), policy)).toEqual({ dueDate: '2026-04-10', interval: 'environment' });
    expect(rotationDue(key({ rotateEveryDays: 30 }), policy)).toEqual({ dueDate: '2026-02-09', interval: 'key' });
    expect(rotationDue(key({ rotateEveryDays: 30, lastRotatedAt: '2026-03-01T12:00:00.000Z' }), policy)).toEqual({
      dueDate: '2026-03-31',
      interval: 'key',
    });
    expect(rotationDue(key({ environment: 'dev' }), policy)).toBe(null);
  });

  it('words and colours each item by reason and distance', () => {
    expect([-2, -1, 0, 1, 5].map((d) => summaryOf('expiry', d))).toEqual([
      'Expired 2 days ago',
      'Expired yesterday',
      'Expires today',
      'Expires tomorrow',
      'Expires in 5 days',
    ]);
    expect([-2, -1, 0, 1, 5].map((d) => summaryOf('rotation', d))).toEqual([
      'Rotation overdue by 2 days',
      'Rotation overdue by 1 day',
      'Rotate today',
      'Rotate tomorrow',
      'Rotate in 5 days',
    ]);
    expect(summaryOf('revoke', 0)).toBe('Revoke the old key today');
    expect([toneOf('expiry', -1), toneOf('expiry', 0), toneOf('expiry', 2)]).toEqual(['expired', 'due', 'soon']);
    expect([toneOf('rotation', -1), toneOf('rotation', 0), toneOf('revoke', 3)]).toEqual(['due', 'due', 'soon']);
  });

  it('orders overdue first, then nearest, expiry before rotation on the same day', () => {
    const items = candidates(
      [
        key({ id: 'a', label: 'A', expiresAt: '2026-12-05' }),
        key({ id: 'b', label: 'B', expiresAt: '2026-11-20' }),
        key({ id: 'c', label: 'C', rotateEveryDays: 1, lastRotatedAt: '2026-12-04T12:00:00.000Z' }),
      ],
      [],
      noPolicy,
      '2026-11-27',
    );
    expect(items.map((i) => [i.keyId, i.reason, i.daysLeft])).toEqual([
      ['b', 'expiry', -7],
      ['a', 'expiry', 8],
      ['c', 'rotation', 8],
    ]);
  });
});

/** More than the quiet moment after an unlock that the first reminder check waits for (main/services.ts). */
const FIRST_SCREEN_WAIT_MS = 1000;

describe('reminders in the app', () => {
  const apps: Array<ReturnType<typeof appLike>> = [];
  afterEach(() => {
    for (const app of apps.splice(0)) app.services.vault.lock('quit');
  });
  async function unlockedApp(options: Parameters<typeof appLike>[0] = {}) {
    const app = appLike(options);
    apps.push(app);
    await app.create();
    return app;
  }

  it('a key expiring in 16 days notifies at 14, 3 and 1 days, on the day and once expired: each once, as hours pass', async () => {
    const app = await unlockedApp();
    await app.api.keys.add({ label: 'Chatbot prod', secret: fakeKeys.openaiProject(), expiresAt: app.day(16) });
    for (let hour = 0; hour < 24 * 20; hour += 1) app.timers.advance(HOUR_MS);
    expect(app.notifications.titles()).toEqual([
      'Chatbot prod: Expires in 14 days',
      'Chatbot prod: Expires in 3 days',
      'Chatbot prod: Expires tomorrow',
      'Chatbot prod: Expires today',
      'Chatbot prod: Expired yesterday',
    ]);
    expect(app.notifications.shown[0]!.body).toMatch(
      /^OpenAI · prod · due [A-Z][a-z]{2} \d{1,2}, \d{4}\. Open Keyward to rotate or replace it\.$/,
    );
  });

  it('checks at unlock: stages missed while Keyward was closed collapse into one notification', async () => {
    const app = await unlockedApp();
    await app.api.keys.add({ label: 'Shop live', secret: fakeKeys.stripeLive(), expiresAt: app.day(2) });
    app.services.vault.lock('manual');
    await app.api.vault.unlock({ password: PASSWORD });
    // The first check waits until the window's first screen has been answered (a quiet moment).
    expect(app.notifications.titles()).toEqual([]);
    app.timers.advance(FIRST_SCREEN_WAIT_MS);
    expect(app.notifications.titles()).toEqual(['Shop live: Expires in 2 days']);
    // Again at the next unlock, the next hour, and in a new process: nothing new.
    app.services.vault.lock('manual');
    await app.api.vault.unlock({ password: PASSWORD });
    app.timers.advance(HOUR_MS);
    app.services.vault.lock('quit');
    const restarted = appLike({ dataDir: app.services.vault.files.dir, clock: app.clock });
    apps.push(restarted);
    await restarted.api.vault.unlock({ password: PASSWORD });
    restarted.timers.advance(FIRST_SCREEN_WAIT_MS);
    expect(app.notifications.shown).toHaveLength(1);
    expect(restarted.notifications.shown).toHaveLength(0);
  });

  it('checks hourly only while unlocked', async () => {
    const app = await unlockedApp();
    app.timers.advance(FIRST_SCREEN_WAIT_MS);
    expect(app.services.reminderSchedule!.running).toBe(true);
    app.services.vault.lock('idle');
    expect(app.services.reminderSchedule!.running).toBe(false);
    expect(app.timers.pendingCount).toBe(0);
  });

  it('snoozing for a day silences a reminder, which then comes back once', async () => {
    const app = await unlockedApp();
    const key = await app.api.keys.add({ label: 'Support bot', secret: fakeKeys.anthropic(), expiresAt: app.day(2) });
    await app.api.reminders.check();
    expect(app.notifications.take()).toHaveLength(1);
    const list = await app.api.reminders.snooze({ keyId: key.id, reason: 'expiry', days: 1 });
    expect(list[0]).toMatchObject({ keyId: key.id, snoozedUntil: new Date(app.clock.now().getTime() + DAY_MS).toISOString() });
    for (let hour = 0; hour < 23; hour += 1) app.timers.advance(HOUR_MS);
    expect(app.notifications.take()).toEqual([]);
    app.timers.advance(2 * HOUR_MS);
    expect(app.notifications.titles()).toEqual(['Support bot: Expires tomorrow']);
    expect((await app.api.reminders.needsAttention())[0]!.snoozedUntil).toBe(null);
  });

  it('snoozing for a week skips the thresholds that pass meanwhile and reminds once at the end', async () => {
    const app = await unlockedApp();
    const key = await app.api.keys.add({ label: 'Deploy token', secret: fakeKeys.github(), expiresAt: app.day(10) });
    await app.api.reminders.check();
    expect(app.notifications.take().map((n) => n.title)).toEqual(['Deploy token: Expires in 10 days']);
    await app.api.reminders.snooze({ keyId: key.id, reason: 'expiry', days: 7 });
    for (let hour = 0; hour < 24 * 7 - 1; hour += 1) app.timers.advance(HOUR_MS);
    expect(app.notifications.take()).toEqual([]);
    app.timers.advance(2 * HOUR_MS);
    expect(app.notifications.take().map((n) => n.title)).toEqual(['Deploy token: Expires in 3 days']);
  });

  it('refuses to snooze what is not due', async () => {
    const app = await unlockedApp();
    const key = await app.api.keys.add({ label: 'No dates', secret: fakeKeys.github('nodates') });
    await expect(app.api.reminders.snooze({ keyId: key.id, reason: 'expiry', days: 1 })).rejects.toMatchObject({
      code: 'NotFound',
    });
    await expect(app.api.reminders.snooze({ keyId: key.id, reason: 'expiry', days: 3 } as never)).rejects.toMatchObject({
      code: 'Invalid',
    });
  });

  it('a moved due date starts the thresholds over', async () => {
    const app = await unlockedApp();
    const key = await app.api.keys.add({ label: 'Chatbot', secret: fakeKeys.openaiProject('move'), expiresAt: app.day(2) });
    await app.api.reminders.check();
    await app.api.keys.update({ id: key.id, expiresAt: app.day(12) });
    await app.api.reminders.check();
    expect(app.notifications.titles()).toEqual(['Chatbot: Expires in 2 days', 'Chatbot: Expires in 12 days']);
  });

  it('reminds of rotation under the environment policy, and the key’s own interval wins', async () => {
    const app = await unlockedApp();
    app.services.settings.update({ rotationPolicy: { dev: null, staging: null, prod: 90, other: null } });
    await app.api.keys.add({ label: 'Prod by policy', secret: fakeKeys.stripeLive('p') });
    await app.api.keys.add({ label: 'Own interval', secret: fakeKeys.stripeLive('o'), rotateEveryDays: 200 });
    await app.api.keys.add({ label: 'Dev key', secret: fakeKeys.stripeTest('d'), environment: 'dev' });
    app.timers.advance(76 * DAY_MS);
    const due = await app.api.reminders.needsAttention();
    expect(due.map((i) => [i.label, i.reason, i.summary, i.interval])).toEqual([
      ['Prod by policy', 'rotation', 'Rotate in 14 days', 'environment'],
    ]);
    expect(app.notifications.titles()).toEqual(['Prod by policy: Rotate in 14 days']);
  });

  it('lists what needs attention, overdue first, and `due` looks as far as asked', async () => {
    const app = await unlockedApp();
    await app.api.keys.add({ label: 'Far', secret: fakeKeys.github('far'), expiresAt: app.day(40) });
    await app.api.keys.add({ label: 'Soon', secret: fakeKeys.github('soon'), expiresAt: app.day(2) });
    await app.api.keys.add({ label: 'Gone', secret: fakeKeys.github('gone'), expiresAt: app.day(-3) });
    await app.api.keys.add({ label: 'Rotate', secret: fakeKeys.github('rot'), rotateEveryDays: 1 });
    const list = await app.api.reminders.needsAttention();
    expect(list.map((i) => [i.label, i.tone, i.summary])).toEqual([
      ['Gone', 'expired', 'Expired 3 days ago'],
      ['Rotate', 'soon', 'Rotate tomorrow'],
      ['Soon', 'soon', 'Expires in 2 days'],
    ]);
    expect((await app.api.reminders.due({ withinDays: 0 })).map((i) => i.label)).toEqual(['Gone']);
    expect((await app.api.reminders.due({ withinDays: 60 })).map((i) => i.label)).toEqual(['Gone', 'Rotate', 'Soon', 'Far']);
    // Lead times are a setting: the window follows the largest.
    app.services.settings.update({ reminderLeadDays: [1, 45] });
    expect((await app.api.reminders.needsAttention()).map((i) => i.label)).toEqual(['Gone', 'Rotate', 'Soon', 'Far']);
  });

  it('raises one summary notification when many reminders fire at once', async () => {
    const app = await unlockedApp();
    app.services.vault.lock('manual');
    await app.api.vault.unlock({ password: PASSWORD });
    for (let i = 0; i <= MAX_SEPARATE_NOTICES; i += 1) {
      await app.api.keys.add({ label: `Key ${i}`, secret: fakeKeys.github(`many${i}`), expiresAt: app.day(-1) });
    }
    await app.api.reminders.check();
    expect(app.notifications.titles()).toEqual([`${MAX_SEPARATE_NOTICES + 1} keys need attention`]);
    expect(app.eventsNamed('reminder')).toHaveLength(MAX_SEPARATE_NOTICES + 1);
  });

  it('announces the attention list when keys change, and a click on a notice asks the window to show the key', async () => {
    const app = await unlockedApp();
    const key = await app.api.keys.add({
      label: 'Gateway',
      provider: 'custom:Acme',
      secret: moreFakeKeys.unrecognised('gw'),
      expiresAt: app.day(1),
    });
    expect(
      app
        .eventsNamed('attentionChanged')
        .at(-1)!
        .map((i: DueItem) => i.label),
    ).toEqual(['Gateway']);
    await app.api.reminders.check();
    app.notifications.shown[0]!.onClick!();
    expect(app.eventsNamed('showKey')).toEqual([{ id: key.id }]);
    expect(app.notifications.shown[0]!.body).toContain('Acme');
    await app.api.keys.remove({ id: key.id });
    expect(app.eventsNamed('attentionChanged').at(-1)).toEqual([]);
  });

  it('never puts a secret or a masked value in a notification, event or list', async () => {
    const app = await unlockedApp();
    const secret = fakeKeys.anthropic('leak');
    const key = await app.api.keys.add({ label: 'Leak check', secret, expiresAt: app.day(0) });
    await app.api.reminders.check();
    const everything = JSON.stringify([
      app.notifications.shown,
      app.eventsNamed('reminder'),
      app.eventsNamed('attentionChanged'),
      await app.api.reminders.due({ withinDays: 30 }),
    ]);
    expect(everything).toContain('Leak check');
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(key.masked);
  });
});
