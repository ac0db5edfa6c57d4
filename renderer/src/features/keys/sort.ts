import type { KeySummary } from '../../../../contract/keys.ts';
import { providerDisplayName } from '../../../../contract/providers.ts';

export const sortColumns = ['name', 'provider', 'expiry', 'lastUsed', 'cost'] as const;
export type SortColumn = (typeof sortColumns)[number];
export interface KeySort {
  by: SortColumn;
  descending: boolean;
}
/** What a first click on a column means: names A→Z, the soonest expiry, the most recent use, the highest cost. */
export const firstDirection: Record<SortColumn, boolean> = {
  name: false,
  provider: false,
  expiry: false,
  lastUsed: true,
  cost: true,
};

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * Sorts a copy; keys without the value (no expiry, never used, no spend) go last in either
 * direction, and ties keep the list's own order (favourites, provider, label).
 */
export function sortKeys(keys: readonly KeySummary[], sort: KeySort, spend: Record<string, number>): KeySummary[] {
  const value = (key: KeySummary): string | number | null => {
    switch (sort.by) {
      case 'name':
        return key.label;
      case 'provider':
        return providerDisplayName(key.provider);
      case 'expiry':
        return key.expiresAt;
      case 'lastUsed':
        return key.lastCopiedAt;
      case 'cost':
        return spend[key.id] ?? null;
    }
  };
  const entries = keys.map((key, order) => ({ key, order, value: value(key) }));
  const sign = sort.descending ? -1 : 1;
  entries.sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === b.value ? a.order - b.order : a.value === null ? 1 : -1;
    const compared =
      typeof a.value === 'number' && typeof b.value === 'number'
        ? a.value - b.value
        : collator.compare(String(a.value), String(b.value));
    return compared * sign || a.order - b.order;
  });
  return entries.map((entry) => entry.key);
}
