import { describe, expect, it } from 'vitest';
import type { HealthItem } from '../../contract/health.ts';
import type { RotationPolicy } from '../../contract/reminders.ts';
import { phraseText } from '../../i18n/phrase-text.ts';
import { healthItems, type HealthFacts } from '../../main/health/items.ts';
import { appLike, DAY_MS } from '../support/app.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { windowIntl } from '../support/intl.ts';

const NOW = new Date('2026-11-27T12:00:00.000Z');
const noPolicy = { dev: null, staging: null, prod: null, other: null };

function key(over: Partial<HealthFacts> = {}): HealthFacts {
  return {
    id: 'k1',
    label: 'Chatbot',
    provider: 'openai',
    environment: 'staging',
    masked: 'sk-proj-…AAAA',
    fingerprint: 'fp-1',
    live: null,
    createdAt: '2026-11-01T12:00:00.000Z',
    expiresAt: null,
    rotateEveryDays: null,
    lastRotatedAt: null,
    lastCopiedAt: '2026-11-26T12:00:00.000Z',
    lastVerdict: null,
    ...over,
  };
}

const reasons = (items: HealthItem[]) => items.map((item) => `${item.keyId}:${item.reason}`);

/** The items as `keyward health` says them (English), or as the window does in another language. */
function worded(items: HealthItem[], intl = windowIntl('en')) {
  return items.map((item) => ({ ...item, title: phraseText(item.title, intl), advice: phraseText(item.advice, intl) }));
}
const words = (facts: HealthFacts[], policy: RotationPolicy, now = NOW) => worded(healthItems(facts, policy, now));

describe('health rules', () => {
  it('a fresh, used, dated staging key has no item', () => {
    expect(healthItems([key()], noPolicy, NOW)).toEqual([]);
  });

  it('a prod key without an expiry gets one, with a sentence saying why and what to do', () => {
    const [item, ...rest] = words([key({ environment: 'prod' })], noPolicy);
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ keyId: 'k1', reason: 'no-expiry', title: 'No expiry set' });
    expect(item!.advice).toMatch(/^[A-Z].*: .*\.$/);
    expect(healthItems([key({ environment: 'prod', expiresAt: '2027-06-01' })], noPolicy, NOW)).toEqual([]);
  });

  it('rotation: past the environment default or the key’s own interval; never rotated in a year without one', () => {
    const old = key({ createdAt: '2026-07-01T12:00:00.000Z' });
    expect(reasons(healthItems([old], noPolicy, NOW))).toEqual([]);
    expect(words([old], { ...noPolicy, staging: 90 })[0]).toMatchObject({
      reason: 'rotation',
      title: 'Older than its 90-day rotation',
    });
    expect(healthItems([old], { ...noPolicy, staging: 200 }, NOW)).toEqual([]);
    expect(healthItems([key({ createdAt: '2026-11-01T12:00:00.000Z', rotateEveryDays: 10 })], noPolicy, NOW)[0]?.reason).toBe(
      'rotation',
    );
    // Rotated recently: the interval counts from the rotation.
    expect(healthItems([{ ...old, lastRotatedAt: '2026-11-20T12:00:00.000Z' }], { ...noPolicy, staging: 90 }, NOW)).toEqual([]);
    const ancient = key({ createdAt: '2025-10-01T12:00:00.000Z' });
    expect(words([ancient], noPolicy)[0]).toMatchObject({ reason: 'rotation', title: 'Never rotated' });
    expect(healthItems([{ ...ancient, lastRotatedAt: '2026-01-01T12:00:00.000Z' }], noPolicy, NOW)).toEqual([]);
  });

  it('the same fingerprint twice: both keys, naming each other, and the dev/prod wording when environments differ', () => {
    const items = words(
      [
        key({ id: 'a', label: 'Bot dev', environment: 'dev', fingerprint: 'same' }),
        key({ id: 'b', label: 'Bot prod', environment: 'prod', fingerprint: 'same', expiresAt: '2027-01-01' }),
        key({ id: 'c', fingerprint: 'other' }),
      ],
      noPolicy,
    );
    expect(items.map((item) => `${item.keyId}:${item.reason}`)).toEqual(['a:duplicate', 'b:duplicate']);
    expect(items[0]).toMatchObject({ title: 'Same secret as Bot prod (prod)', relatedKeyIds: ['b'] });
    expect(items[0]!.advice).toContain('several environments');
    const sameEnv = words([key({ id: 'a', fingerprint: 'x' }), key({ id: 'b', fingerprint: 'x' })], noPolicy);
    expect(sameEnv[0]!.advice).toContain('stored twice');
  });

  it('a live-mode key in dev, but not a test key or a live key in prod', () => {
    expect(reasons(healthItems([key({ environment: 'dev', live: true })], noPolicy, NOW))).toEqual(['k1:live-in-dev']);
    expect(healthItems([key({ environment: 'dev', live: false })], noPolicy, NOW)).toEqual([]);
    expect(healthItems([key({ environment: 'staging', live: true })], noPolicy, NOW)).toEqual([]);
  });

  it('not copied for 90 days (or never, added 90 days ago)', () => {
    expect(words([key({ lastCopiedAt: '2026-08-29T12:00:00.000Z' })], noPolicy)[0]).toMatchObject({
      reason: 'unused',
      title: 'Not copied for 90 days',
    });
    expect(healthItems([key({ lastCopiedAt: '2026-08-30T12:00:00.000Z' })], noPolicy, NOW)).toEqual([]);
    expect(words([key({ lastCopiedAt: null, createdAt: '2026-08-01T12:00:00.000Z' })], noPolicy)[0]?.title).toBe(
      'Not copied since it was added',
    );
    expect(healthItems([key({ lastCopiedAt: null, createdAt: '2026-11-01T12:00:00.000Z' })], noPolicy, NOW)).toEqual([]);
  });

  it('an admin key copied this week is in daily use; one copied a month ago is not', () => {
    expect(reasons(healthItems([key({ masked: 'sk-admin-…AAAA' })], noPolicy, NOW))).toEqual(['k1:admin-in-use']);
    expect(reasons(healthItems([key({ masked: 'sk-ant-admin01-…AAAA', provider: 'anthropic' })], noPolicy, NOW))).toEqual([
      'k1:admin-in-use',
    ]);
    expect(healthItems([key({ masked: 'sk-admin-…AAAA', lastCopiedAt: '2026-10-27T12:00:00.000Z' })], noPolicy, NOW)).toEqual([]);
  });

  it('invalid at the last check comes first; other verdicts add nothing', () => {
    const items = healthItems(
      [
        key({ id: 'z', label: 'A', environment: 'prod' }),
        key({ id: 'y', label: 'B', fingerprint: 'fp-2', lastVerdict: 'invalid' }),
      ],
      noPolicy,
      NOW,
    );
    expect(reasons(items)).toEqual(['y:invalid', 'z:no-expiry']);
    for (const verdict of ['valid', 'unreachable', 'no-credit', 'not-enabled'] as const) {
      expect(healthItems([key({ lastVerdict: verdict })], noPolicy, NOW)).toEqual([]);
    }
  });
});

describe('health items in the reader’s language', () => {
  it('three keys with one secret: the first twin by name, the others counted', () => {
    const items = words(
      [
        key({ id: 'a', label: 'Bot dev', environment: 'dev', fingerprint: 'same' }),
        key({ id: 'b', label: 'Bot prod', environment: 'prod', fingerprint: 'same', expiresAt: '2027-01-01' }),
        key({ id: 'c', label: 'Bot staging', fingerprint: 'same' }),
      ],
      noPolicy,
    );
    expect(items.find((item) => item.keyId === 'a')).toMatchObject({
      title: 'Same secret as Bot prod (prod) and 1 other key',
      relatedKeyIds: ['b', 'c'],
    });
  });

  it('Korean: titles and advice in Korean, the environment worded, the particle after the name', () => {
    const ko = windowIntl('ko');
    const say = (facts: HealthFacts[], policy: RotationPolicy = noPolicy) => worded(healthItems(facts, policy, NOW), ko);
    const [dup] = say([
      key({ id: 'a', label: 'Bot dev', environment: 'dev', fingerprint: 'same' }),
      key({ id: 'b', label: '결제 봇', environment: 'prod', fingerprint: 'same', expiresAt: '2027-01-01' }),
    ]);
    expect(dup!.title).toBe('결제 봇(운영)과 같은 비밀 값');
    expect(dup!.advice).toContain('환경마다 따로 키를');
    const overdue = say([key({ createdAt: '2026-07-01T12:00:00.000Z' })], { ...noPolicy, staging: 90 })[0]!;
    expect(overdue.title).toBe('교체 주기 90일 초과');
    expect(overdue.advice).toContain('149일이 지나');
    // Nothing English is left in a Korean item.
    const all = say([
      key({
        id: 'x',
        environment: 'prod',
        live: true,
        lastVerdict: 'invalid',
        lastCopiedAt: null,
        createdAt: '2025-01-01T12:00:00.000Z',
      }),
      key({ id: 'y', environment: 'dev', live: true, masked: 'sk-admin-…AAAA' }),
    ]);
    expect(all.length).toBeGreaterThanOrEqual(5);
    for (const item of all) expect(`${item.title} ${item.advice}`).not.toMatch(/\b(the|a|key|secret)\b/i);
  });
});

describe('health through the contract', () => {
  it('finds a duplicate secret across environments without sending the value, and ignores keys in the trash', async () => {
    const app = appLike();
    await app.create();
    const secret = fakeKeys.stripeLive('dup');
    const dev = await app.api.keys.add({ label: 'Shop dev', secret, environment: 'dev' });
    const prod = await app.api.keys.add({ label: 'Shop prod', secret, environment: 'prod', expiresAt: '2027-12-01' });
    const items = await app.api.health.list();
    expect(items.map((item) => `${item.label}:${item.reason}`).sort()).toEqual([
      'Shop dev:duplicate',
      'Shop dev:live-in-dev',
      'Shop prod:duplicate',
    ]);
    expect(JSON.stringify(items)).not.toContain(secret);
    expect(JSON.stringify(items)).not.toContain(dev.masked);

    await app.api.keys.remove({ id: dev.id });
    expect(await app.api.health.list()).toEqual([]);
    expect(prod.id).toBeTruthy();
  });

  it('follows the clock and the environment’s rotation default from Settings', async () => {
    const app = appLike();
    await app.create();
    await app.api.keys.add({ label: 'Docs bot', secret: fakeKeys.anthropic('rot'), environment: 'staging' });
    expect(await app.api.health.list()).toEqual([]);
    await app.api.settings.update({ rotationPolicy: { dev: null, staging: 30, prod: null, other: null } });
    app.clock.advance(31 * DAY_MS);
    expect((await app.api.health.list()).map((item) => item.reason)).toEqual(['rotation']);
    app.clock.advance(60 * DAY_MS);
    expect((await app.api.health.list()).map((item) => item.reason)).toEqual(['rotation', 'unused']);
  });
});
