import { describe, expect, it } from 'vitest';
import type { CostAlert } from '../../../contract/costs.ts';
import { phraseText } from '../../../i18n/phrase-text.ts';
import { median, projectMonth, spikes } from '../../../main/costs/analysis.ts';
import { createServices, type Services } from '../../../main/services.ts';
import { windowIntl } from '../../support/intl.ts';
import { RecordingNotifications } from '../../support/recording-notifications.ts';
import { tempDir } from '../../support/temp.ts';
import { ManualClock, PASSWORD } from '../../support/vault.ts';

const DAY = 86_400_000;

/** Services with a notifier that records what it is given, and the costAlert events. */
async function tracked(dir = tempDir(), clock = new ManualClock('2026-11-20T12:00:00.000Z')) {
  const notified: CostAlert[] = [];
  const events: CostAlert[] = [];
  const services = createServices({
    dataDir: dir,
    clock,
    kdfPolicy: 'minimum',
    costNotifier: { notify: (a) => notified.push(a) },
  });
  services.events.subscribe((name, payload) => {
    if (name === 'costAlert') events.push(payload as CostAlert);
  });
  return { services, notified, events, clock, dir };
}

const spend = (services: Services, usd: string, extra: Record<string, unknown> = {}) =>
  services.costs.usage.add(
    {
      provider: 'openai',
      model: 'gpt-4o',
      keyId: null,
      inputTokens: 0,
      outputTokens: 0,
      cachedTokens: 0,
      cacheWriteTokens: 0,
      requests: 0,
      costUsd: Number(usd) * 1e6,
      note: '',
      ...extra,
    } as never,
    'app',
  );

describe('budgets', () => {
  it('reach the OS as notifications where reminders do (the app), naming the budget and the amounts', async () => {
    const notifications = new RecordingNotifications();
    const services = createServices({
      dataDir: tempDir(),
      clock: new ManualClock('2026-11-20T12:00:00.000Z'),
      kdfPolicy: 'minimum',
      notifications,
    });
    await services.vault.create(PASSWORD, 'app');
    await services.costs.budgets.set({ scope: 'total', monthlyUsd: 10_000_000 } as never, 'app');
    await spend(services, '5.25');
    expect(notifications.take()).toEqual([
      { title: 'Budget “All usage”: 50 % reached', body: '$5.25 of $10.00 spent in November 2026.' },
    ]);
    services.vault.lock('manual');
  });

  it('notify each threshold once per month, through the notifier and the costAlert event', async () => {
    const { services, notified, events, clock } = await tracked();
    await services.vault.create(PASSWORD, 'app');
    await services.costs.budgets.set({ scope: 'total', monthlyUsd: 10_000_000 } as never, 'app');
    await spend(services, '5');
    await spend(services, '0.5');
    await spend(services, '3.5');
    await spend(services, '0.1');
    await spend(services, '1');
    await spend(services, '1');
    expect(notified.map((a) => a.kind === 'budget' && [a.threshold, a.spentMicros])).toEqual([
      [50, 5_000_000],
      [80, 9_000_000],
      [100, 10_100_000],
    ]);
    expect(events).toEqual(notified);
    expect(services.costs.budgets.list()[0]).toMatchObject({ spentMicros: 11_100_000, reached: [50, 80, 100], month: '2026-11' });
    // A new month starts again from nothing.
    clock.advance(12 * DAY);
    await spend(services, '6');
    expect(notified.at(-1)).toMatchObject({ kind: 'budget', month: '2026-12', threshold: 50 });
    services.vault.lock('manual');
  });

  it('remember what was sent across restarts', async () => {
    const first = await tracked();
    await first.services.vault.create(PASSWORD, 'app');
    await first.services.costs.budgets.set({ scope: 'total', monthlyUsd: 10_000_000 } as never, 'app');
    await spend(first.services, '6');
    first.services.vault.lock('manual');
    expect(first.notified).toHaveLength(1);
    const second = await tracked(first.dir);
    await second.services.vault.unlock(PASSWORD, 'app');
    await spend(second.services, '0.5');
    expect(second.notified).toEqual([]);
    second.services.vault.lock('manual');
  });

  it('crossing several thresholds at once notifies the highest, and never the lower ones later', async () => {
    const { services, notified } = await tracked();
    await services.vault.create(PASSWORD, 'app');
    await spend(services, '9');
    await services.costs.budgets.set({ scope: 'total', monthlyUsd: 10_000_000 } as never, 'app');
    await spend(services, '0.5');
    expect(notified.map((a) => a.kind === 'budget' && a.threshold)).toEqual([80]);
    services.vault.lock('manual');
  });

  it('per provider and per key budgets count only their own spend', async () => {
    const { services, notified } = await tracked();
    await services.vault.create(PASSWORD, 'app');
    const key = services.keys.add(
      {
        label: 'Bot',
        provider: 'anthropic',
        secret: 'FAKE-not-a-known-format-budget-0000',
        environment: 'prod',
        notes: '',
        usedIn: [],
        tags: [],
        expiresAt: null,
        rotateEveryDays: null,
        favourite: false,
      },
      'app',
    );
    await services.costs.budgets.set({ scope: 'provider', provider: 'anthropic', monthlyUsd: 2_000_000 } as never, 'app');
    await services.costs.budgets.set({ scope: 'key', keyId: key.id, monthlyUsd: 1_000_000 } as never, 'app');
    await spend(services, '5'); // openai: neither budget
    expect(notified).toEqual([]);
    await spend(services, '1', { provider: 'anthropic', model: 'claude-haiku-4-5', keyId: key.id });
    expect(notified.map((a) => a.kind === 'budget' && [a.label, a.threshold])).toEqual([
      ['Anthropic', 50],
      ['Bot', 100],
    ]);
    const statuses = services.costs.budgets.list();
    expect(statuses.map((b) => [b.scope, b.spentMicros])).toEqual([
      ['provider', 1_000_000],
      ['key', 1_000_000],
    ]);
    // Setting the same scope again replaces the amount rather than adding a budget.
    await services.costs.budgets.set({ scope: 'provider', provider: 'anthropic', monthlyUsd: 4_000_000 } as never, 'app');
    expect(services.costs.budgets.list()).toHaveLength(2);
    services.vault.lock('manual');
  });
});

describe('spikes', () => {
  it('a day above 3× the median of the 14 days before it is a spike; a zero median is no baseline', () => {
    const flat = Array(14).fill(1_000_000);
    expect(spikes([...flat, 3_000_000])).toEqual([{ medianMicros: 1_000_000, spike: false }]);
    expect(spikes([...flat, 3_000_001])).toEqual([{ medianMicros: 1_000_000, spike: true }]);
    expect(spikes([...Array(14).fill(0), 50_000_000])).toEqual([{ medianMicros: 0, spike: false }]);
    // Weekends without usage still leave a weekday baseline.
    const weeks = [0, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1].map((d) => d * 2_000_000);
    expect(spikes([...weeks, 7_000_000])[0]).toEqual({ medianMicros: 2_000_000, spike: true });
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(3);
  });

  it('are flagged in the daily series and notified once when recent', async () => {
    const { services, notified } = await tracked();
    await services.vault.create(PASSWORD, 'app');
    for (let i = 1; i <= 19; i += 1) await spend(services, '1', { day: `2026-11-${String(i).padStart(2, '0')}` });
    expect(notified).toEqual([]);
    await spend(services, '5', { day: '2026-11-20' });
    await spend(services, '0.1', { day: '2026-11-20' });
    expect(notified).toEqual([{ kind: 'spike', day: '2026-11-20', costMicros: 5_000_000, medianMicros: 1_000_000 }]);
    const overview = services.costs.views.overview({ month: '2026-11', days: 30 });
    expect(overview.daily).toHaveLength(30);
    expect(overview.daily.at(-1)).toMatchObject({
      day: '2026-11-20',
      costMicros: 5_100_000,
      spike: true,
      medianMicros: 1_000_000,
    });
    expect(overview.daily.filter((d) => d.spike).map((d) => d.day)).toEqual(['2026-11-20']);
    services.vault.lock('manual');
  });

  it('old spikes found by importing history are shown but not notified', async () => {
    const { services, notified } = await tracked();
    await services.vault.create(PASSWORD, 'app');
    for (let i = 1; i <= 16; i += 1)
      await spend(services, i === 16 ? '9' : '1', { day: `2026-10-${String(i).padStart(2, '0')}` });
    expect(notified).toEqual([]);
    expect(services.costs.views.overview({ month: '2026-10', days: 30 }).daily.find((d) => d.day === '2026-10-16')).toMatchObject(
      { spike: true },
    );
    services.vault.lock('manual');
  });
});

describe('projection to month end', () => {
  it('runs the month-to-date rate to the end of the month; past months are their total, future ones 0', () => {
    expect(projectMonth({ month: '2026-11', today: '2026-11-10', spentMicros: 10_000_000, daysInMonth: 30 })).toBe(30_000_000);
    expect(projectMonth({ month: '2026-11', today: '2026-11-30', spentMicros: 10_000_000, daysInMonth: 30 })).toBe(10_000_000);
    expect(projectMonth({ month: '2026-10', today: '2026-11-10', spentMicros: 7, daysInMonth: 31 })).toBe(7);
    expect(projectMonth({ month: '2026-12', today: '2026-11-10', spentMicros: 0, daysInMonth: 31 })).toBe(0);
  });

  it('shows in the overview with totals, budgets and breakdowns', async () => {
    const { services } = await tracked();
    await services.vault.create(PASSWORD, 'app');
    await services.costs.budgets.set({ scope: 'total', monthlyUsd: 100_000_000 } as never, 'app');
    await spend(services, '20', { day: '2026-11-05' });
    const overview = services.costs.views.overview({ days: 30 });
    expect(overview).toMatchObject({ month: '2026-11', today: '2026-11-20', projectionMicros: 30_000_000 });
    expect(overview.totals).toMatchObject({ costMicros: 20_000_000, records: 1 });
    expect(overview.budgets[0]).toMatchObject({ spentMicros: 20_000_000, projectedMicros: 30_000_000, reached: [] });
    expect(overview.byProvider.map((r) => [r.group, phraseText(r.label)])).toEqual([['openai', 'OpenAI']]);
    expect(overview.byModel.map((r) => [r.group, phraseText(r.label)])).toEqual([['gpt-4o', 'GPT-4o']]);
    expect(overview.byKey.map((r) => [r.group, phraseText(r.label)])).toEqual([['none', 'No key']]);
    expect(overview.byKey.map((r) => phraseText(r.label, windowIntl('ko')))).toEqual(['키 없음']);
    services.vault.lock('manual');
  });
});
