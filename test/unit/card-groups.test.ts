import { describe, expect, it } from 'vitest';
import type { KeySummary } from '../../contract/keys.ts';
import { groupByProvider } from '../../renderer/src/features/keys/groups.ts';

function key(label: string, provider: string, favourite = false): KeySummary {
  return {
    id: `${provider}-${label}`,
    label,
    provider,
    environment: 'prod',
    masked: 'sk-…0000',
    live: null,
    notes: '',
    usedIn: [],
    tags: [],
    favourite,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    expiresAt: null,
    rotateEveryDays: null,
    lastRotatedAt: null,
    lastCopiedAt: null,
  };
}

describe('groupByProvider', () => {
  it('makes one card per provider, in the order the sorted list arrives, keeping each card’s order', () => {
    // As the service sorts: favourites first, then provider name, then label.
    const groups = groupByProvider([
      key('Shop', 'stripe', true),
      key('Agent', 'anthropic'),
      key('Bot', 'github'),
      key('Docs', 'github'),
      key('Billing', 'stripe'),
      key('Intranet', 'custom:Acme Cloud'),
    ]);
    expect(groups.map((g) => [g.look.name, g.keys.map((k) => k.label), g.favourites])).toEqual([
      ['Stripe', ['Shop', 'Billing'], 1],
      ['Anthropic', ['Agent'], 0],
      ['GitHub', ['Bot', 'Docs'], 0],
      ['Acme Cloud', ['Intranet'], 0],
    ]);
    expect(groups[3]!.look.monogram).toBe('AC');
  });

  it('an empty list has no cards', () => {
    expect(groupByProvider([])).toEqual([]);
  });
});
