import type { KeySummary } from './keys.ts';
import { providerDisplayName } from './providers.ts';

/**
 * Search over keys, the same in main (the CLI, `keys.list` with a search) and in the window, which
 * filters the list it already holds as the user types instead of asking main on every keystroke.
 * Every word must appear somewhere in the label, provider id or name, the masked key's known
 * prefix (`sk_live_`), tags, where the key is used, or notes; case-insensitively, in the user's locale.
 */
export function searchWords(search: string | undefined): string[] {
  return (search ?? '').toLocaleLowerCase().split(/\s+/).filter(Boolean);
}

/** Everything a search word may match, lower-cased once. */
export function searchableText(key: KeySummary): string {
  return [
    key.label,
    key.provider,
    providerDisplayName(key.provider),
    maskedPrefix(key.masked),
    ...key.tags,
    ...key.usedIn,
    key.notes,
  ]
    .join('\n')
    .toLocaleLowerCase();
}

/** `sk_live_…wxyz` → `sk_live_`: the part of the mask that says what kind of key it is (the tail says nothing). */
function maskedPrefix(masked: string): string {
  return masked.split('…')[0] ?? '';
}

/** How well one word matches a key: the label's start beats the label, which beats anything else. */
function wordScore(key: KeySummary, word: string): number {
  const label = key.label.toLocaleLowerCase();
  if (label === word) return 8;
  if (label.startsWith(word)) return 6;
  if (label.split(/[\s\-_./]+/).some((part) => part.startsWith(word))) return 5;
  if (label.includes(word)) return 4;
  if (providerDisplayName(key.provider).toLocaleLowerCase().startsWith(word) || key.provider.startsWith(word)) return 3;
  if ([...key.tags, ...key.usedIn].some((name) => name.toLocaleLowerCase().startsWith(word))) return 2;
  return 1;
}

/**
 * The keys matching `search`, best first (for quick copy): match quality, then the most recently
 * copied, then the list's own order. With no words, recent use alone decides.
 */
export function rankMatches(keys: readonly KeySummary[], search: string, limit: number): KeySummary[] {
  const words = searchWords(search);
  const scored: Array<{ key: KeySummary; score: number; used: number; order: number }> = [];
  keys.forEach((key, order) => {
    if (words.length > 0 && !matchesWords(searchableText(key), words)) return;
    const score = words.reduce((sum, word) => sum + wordScore(key, word), 0);
    scored.push({ key, score, used: key.lastCopiedAt ? Date.parse(key.lastCopiedAt) : 0, order });
  });
  scored.sort((a, b) => b.score - a.score || b.used - a.used || a.order - b.order);
  return scored.slice(0, limit).map((entry) => entry.key);
}

export function matchesWords(text: string, words: readonly string[]): boolean {
  for (const word of words) if (!text.includes(word)) return false;
  return true;
}
