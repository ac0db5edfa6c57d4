import { describe, expect, it } from 'vitest';
import { rankMatches, searchableText } from '../../contract/key-search.ts';
import { keyFieldSchemas, type KeySummary } from '../../contract/keys.ts';
import { sortKeys } from '../../renderer/src/features/keys/sort.ts';
import { inkOn } from '../../renderer/src/lib/contrast.ts';
import { fieldError } from '../../renderer/src/lib/field-error.ts';

function key(label: string, changes: Partial<KeySummary> = {}): KeySummary {
  return {
    id: label,
    label,
    provider: 'github',
    environment: 'prod',
    masked: 'ghp_…0000',
    live: null,
    notes: '',
    usedIn: [],
    tags: [],
    favourite: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    expiresAt: null,
    rotateEveryDays: null,
    lastRotatedAt: null,
    lastCopiedAt: null,
    ...changes,
  };
}
const labels = (keys: KeySummary[]) => keys.map((k) => k.label);

describe('quick copy ranking', () => {
  it('puts a label that starts with the word before one that contains it, and both before a tag match', () => {
    const keys = [key('Workshop tools'), key('Bakery', { tags: ['shop'] }), key('Shop checkout')];
    expect(labels(rankMatches(keys, 'shop', 50))).toEqual(['Shop checkout', 'Workshop tools', 'Bakery']);
  });

  it('breaks ties by the most recent copy, then by the list order', () => {
    const keys = [
      key('Shop a'),
      key('Shop b', { lastCopiedAt: '2026-11-01T00:00:00.000Z' }),
      key('Shop c', { lastCopiedAt: '2026-11-20T00:00:00.000Z' }),
    ];
    expect(labels(rankMatches(keys, 'shop', 50))).toEqual(['Shop c', 'Shop b', 'Shop a']);
    expect(labels(rankMatches(keys, '', 2))).toEqual(['Shop c', 'Shop b']);
  });

  it('finds a key by its masked prefix, not by the tail of the mask', () => {
    const live = key('Checkout', { provider: 'stripe', masked: 'sk_live_…9xQz' });
    expect(searchableText(live)).toContain('sk_live_');
    expect(searchableText(live)).not.toContain('9xqz');
    expect(labels(rankMatches([key('Bot'), live], 'sk_live_', 50))).toEqual(['Checkout']);
  });
});

describe('the list layout’s sort', () => {
  const keys = [
    key('b', { expiresAt: '2026-12-10', lastCopiedAt: '2026-11-02T00:00:00.000Z' }),
    key('A', { expiresAt: null }),
    key('c', { expiresAt: '2026-12-01', lastCopiedAt: null }),
  ];
  it('sorts names without regard to case, and keys without a value last in either direction', () => {
    expect(labels(sortKeys(keys, { by: 'name', descending: false }, {}))).toEqual(['A', 'b', 'c']);
    expect(labels(sortKeys(keys, { by: 'expiry', descending: false }, {}))).toEqual(['c', 'b', 'A']);
    expect(labels(sortKeys(keys, { by: 'expiry', descending: true }, {}))).toEqual(['b', 'c', 'A']);
    expect(labels(sortKeys(keys, { by: 'lastUsed', descending: true }, {}))).toEqual(['b', 'A', 'c']);
    expect(labels(sortKeys(keys, { by: 'cost', descending: true }, { c: 5, A: 20 }))).toEqual(['A', 'c', 'b']);
  });
});

describe('field errors come from the contract', () => {
  it('gives each field the message main would give, and nothing once the value is fixed', () => {
    expect(fieldError(keyFieldSchemas.label, '  ')).toBe('Give the key a label.');
    expect(fieldError(keyFieldSchemas.label, 'Deploy bot')).toBeUndefined();
    expect(fieldError(keyFieldSchemas.secret, ' "" ')).toBe('Paste the key.');
    expect(fieldError(keyFieldSchemas.rotateEveryDays, Number('ninety'))).toBe('Use a whole number of days.');
    expect(fieldError(keyFieldSchemas.rotateEveryDays, null)).toBeUndefined();
    expect(fieldError(keyFieldSchemas.customProviderName, ' ')).toBe('Name your custom provider.');
  });
});

describe('monogram ink', () => {
  it('picks the text colour that reads on the brand colour', () => {
    expect(inkOn('#10a37f')).toBe('#111111');
    expect(inkOn('#24292f')).toBe('#ffffff');
    expect(inkOn('#ffffff')).toBe('#111111');
  });
});
