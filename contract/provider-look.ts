import { CUSTOM_PREFIX, getProvider, providerDisplayName } from './providers.ts';

/** How a provider's card looks: the catalog's monogram and colour, or ones derived from a custom name. */
export interface ProviderLook {
  name: string;
  monogram: string;
  colour: string;
}

// Mid-tone hues that carry white text in both themes.
const customPalette = [
  '#2563eb',
  '#7c3aed',
  '#db2777',
  '#059669',
  '#d97706',
  '#0891b2',
  '#4f46e5',
  '#b45309',
  '#be123c',
  '#0f766e',
];

/** Two letters from a name: the initials of its first two words ("Acme Cloud" → AC), else its first two letters (Acme → Ac). */
export function monogramFor(name: string): string {
  const words = name
    .trim()
    .split(/[\s\-_.]+/u)
    .filter(Boolean);
  if (words.length === 0) return '?';
  if (words.length >= 2) return [words[0]!, words[1]!].map((word) => Array.from(word)[0]!.toLocaleUpperCase()).join('');
  const [first = '?', second = ''] = Array.from(words[0]!);
  return first.toLocaleUpperCase() + second.toLocaleLowerCase();
}

/** A stable colour per custom name (FNV-1a), so "Acme" is the same colour on every screen and every run. */
export function colourFor(name: string): string {
  let hash = 0x811c9dc5;
  for (const char of name.toLocaleLowerCase()) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return customPalette[hash % customPalette.length]!;
}

export function providerLook(provider: string): ProviderLook {
  const info = getProvider(provider);
  if (info) return { name: info.name, monogram: info.monogram, colour: info.colour };
  const name = providerDisplayName(provider);
  return { name, monogram: monogramFor(name), colour: colourFor(provider.startsWith(CUSTOM_PREFIX) ? name : provider) };
}
