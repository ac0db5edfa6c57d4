/**
 * The masked form lists show instead of a secret (`sk-proj-…wxyz`): enough to tell keys apart,
 * too little to use one.
 */
import { knownPrefix } from './recognize.ts';

const ellipsis = '…';
const tailLength = 4;
// Four characters of a short secret (a PIN-like token, a password) would give away a large share of it.
const minLengthForTail = 20;

export function maskSecret(value: string): string {
  // Code points, not UTF-16 units, so a tail never splits a surrogate pair of an unusual secret.
  const chars = Array.from(value);
  const prefix = knownPrefix(value);
  if (chars.length < minLengthForTail) return prefix + ellipsis;
  return prefix + ellipsis + chars.slice(-tailLength).join('');
}
