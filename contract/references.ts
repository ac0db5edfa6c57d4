import { getProvider } from './providers.ts';

/**
 * A reference names a vault key without holding it: `keyward://<id>` (stable across renames) or
 * `keyward://<provider>/<label>` (readable; provider and label percent-encoded, so a `/` or a
 * space in a label cannot split it). `.env` files, templates and `keyward run --key` carry
 * references; only main turns them into secrets (`keys.resolve`, open to the CLI alone).
 */
export const REFERENCE_SCHEME = 'keyward://';

export type ParsedReference = { kind: 'id'; id: string } | { kind: 'label'; provider: string; label: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isReference(value: string): boolean {
  return value.startsWith(REFERENCE_SCHEME);
}

/** Parses one reference; null when it is not one Keyward can read (the caller names it in its error). */
export function parseReference(reference: string): ParsedReference | null {
  if (!isReference(reference)) return null;
  const body = reference.slice(REFERENCE_SCHEME.length);
  const slash = body.indexOf('/');
  if (slash === -1) return UUID.test(body) ? { kind: 'id', id: body.toLowerCase() } : null;
  const provider = decoded(body.slice(0, slash));
  const label = decoded(body.slice(slash + 1));
  if (!provider || !label) return null;
  return { kind: 'label', provider, label };
}

function decoded(part: string): string | null {
  try {
    return decodeURIComponent(part).trim() || null;
  } catch {
    return null;
  }
}

interface Named {
  id: string;
  provider: string;
  label: string;
}

/**
 * The reference to write for `key`: the readable provider/label form when that pair names it
 * alone among `keys`, the id form when another key shares the pair (it would be ambiguous).
 */
export function referenceFor(key: Named, keys: readonly Named[]): string {
  const shared = keys.some((other) => other.id !== key.id && other.provider === key.provider && other.label === key.label);
  if (shared) return `${REFERENCE_SCHEME}${key.id}`;
  return `${REFERENCE_SCHEME}${encodeURIComponent(key.provider)}/${encodeURIComponent(key.label)}`;
}

/** The variable tools read this provider's key from (the catalog's `envVar`); custom providers get one from their name. */
export function envVarFor(provider: string): string {
  const known = getProvider(provider);
  if (known) return known.envVar;
  const name = provider
    .replace(/^custom:/, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `${/^[0-9]/.test(name) ? `_${name}` : name || 'CUSTOM'}_API_KEY`;
}

/** `OPENAI_API_KEY=keyward://openai/Main` */
export function envLineFor(key: Named, keys: readonly Named[]): string {
  return `${envVarFor(key.provider)}=${referenceFor(key, keys)}`;
}
