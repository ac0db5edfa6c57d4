import type { KeySummary } from '../../../../contract/keys.ts';
import { providerLook, type ProviderLook } from '../../../../contract/provider-look.ts';

export interface ProviderGroup {
  provider: string;
  look: ProviderLook;
  keys: KeySummary[];
  favourites: number;
}

/**
 * One card per provider, in the order the list arrives (the service sorts favourites first,
 * then provider and label): providers holding a favourite come first, and inside a card the
 * favourites lead. Linear in the number of keys, so it keeps up with search on large vaults.
 */
export function groupByProvider(keys: readonly KeySummary[]): ProviderGroup[] {
  const groups = new Map<string, ProviderGroup>();
  for (const key of keys) {
    let group = groups.get(key.provider);
    if (!group) {
      group = { provider: key.provider, look: providerLook(key.provider), keys: [], favourites: 0 };
      groups.set(key.provider, group);
    }
    group.keys.push(key);
    if (key.favourite) group.favourites += 1;
  }
  return [...groups.values()];
}
