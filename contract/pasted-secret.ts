// Kept free of zod: the recogniser (and `keyward detect`, which must start fast) needs it alone.
const quotePairs: Readonly<Record<string, string>> = { '"': '"', "'": "'", '`': '`', '“': '”', '‘': '’' };

/**
 * Pasted values often arrive with the whitespace or quotes of the .env line or chat they came
 * from; the key is what is inside. Applied before a secret is stored, recognised or compared.
 */
export function normalisePastedSecret(value: string): string {
  const trimmed = value.trim();
  const close = quotePairs[trimmed.charAt(0)];
  if (trimmed.length >= 2 && close !== undefined && trimmed.endsWith(close)) return trimmed.slice(1, -1).trim();
  return trimmed;
}
