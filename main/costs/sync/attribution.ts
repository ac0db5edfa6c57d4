import type { KeyLink } from '../../../contract/usage-sync.ts';
import type { ProviderKey } from './report.ts';

/**
 * Which vault key a provider's API key is: its redacted value (OpenAI's `redacted_value`,
 * Anthropic's `partial_key_hint`, e.g. `sk-proj-abc…wxyz`) against each vault key's masked value
 * (`sk-proj-…wxyz`), then its name against the key's label. Only an unambiguous answer links;
 * secrets are never decrypted for this (the masked value is what lists already show).
 */

export interface VaultKeyFacts {
  id: string;
  label: string;
  masked: string;
}

export type Match = { keyId: string; on: Exclude<KeyLink['matchedOn'], '' | 'user'> } | null;

/** A masked or redacted form split at its ellipsis (… or ...) or run of asterisks: what it shows of the start and the end. */
export function visibleParts(form: string): { start: string; end: string } | null {
  const match = /^(.*?)(?:…|\.{3,}|\*{3,})(.*)$/u.exec(form.trim());
  return match ? { start: match[1]!, end: match[2]! } : null;
}

/**
 * Whether a provider's redacted value can be the vault key: the visible ends agree (the shorter
 * end of each is a suffix of the other, at least 4 characters) and so do the starts.
 */
export function redactedAgrees(masked: string, hint: string): boolean {
  const ours = visibleParts(masked);
  const theirs = visibleParts(hint);
  if (!ours || !theirs) return false;
  const [shortEnd, longEnd] = ours.end.length <= theirs.end.length ? [ours.end, theirs.end] : [theirs.end, ours.end];
  if (shortEnd.length < 4 || !longEnd.endsWith(shortEnd)) return false;
  const [shortStart, longStart] =
    ours.start.length <= theirs.start.length ? [ours.start, theirs.start] : [theirs.start, ours.start];
  return longStart.startsWith(shortStart);
}

export function matchKey(key: ProviderKey, candidates: readonly VaultKeyFacts[]): Match {
  const byName = (list: readonly VaultKeyFacts[]) => {
    const name = key.name.trim().toLowerCase();
    return name === '' ? [] : list.filter((candidate) => candidate.label.trim().toLowerCase() === name);
  };
  const agreeing = key.hint ? candidates.filter((candidate) => redactedAgrees(candidate.masked, key.hint)) : [];
  if (agreeing.length === 1) return { keyId: agreeing[0]!.id, on: 'redacted-value' };
  if (agreeing.length > 1) {
    const named = byName(agreeing);
    return named.length === 1 ? { keyId: named[0]!.id, on: 'redacted-value' } : null;
  }
  // A key whose redacted value agrees with none of ours is not one of ours, whatever its name.
  if (key.hint && visibleParts(key.hint)) return null;
  const named = byName(candidates);
  return named.length === 1 ? { keyId: named[0]!.id, on: 'name' } : null;
}
