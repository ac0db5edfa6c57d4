import type { KeySummary } from './keys.ts';
import { providerDisplayName } from './providers.ts';

/**
 * Search over keys, the same in main (the CLI, `keys.list` with a search) and in the window, which
 * filters the list it already holds as the user types instead of asking main on every keystroke.
 * Every word must appear somewhere in the label, provider id or name, tags, where the key is
 * used, or notes; case-insensitively, in the user's locale.
 */
export function searchWords(search: string | undefined): string[] {
  return (search ?? '').toLocaleLowerCase().split(/\s+/).filter(Boolean);
}

/** Everything a search word may match, lower-cased once. */
export function searchableText(key: KeySummary): string {
  return [key.label, key.provider, providerDisplayName(key.provider), ...key.tags, ...key.usedIn, key.notes].join('\n').toLocaleLowerCase();
}

export function matchesWords(text: string, words: readonly string[]): boolean {
  for (const word of words) if (!text.includes(word)) return false;
  return true;
}
