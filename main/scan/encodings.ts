/**
 * The forms in which a secret is looked for: as it is, base64-encoded (standard and URL-safe,
 * at each of the three byte alignments it can have inside a longer encoded text, such as an
 * `Authorization: Basic` header of `user:secret`) and percent-encoded (in a URL or a form body).
 */
export type SecretForm = 'raw' | 'base64' | 'url-encoded';

export interface EncodedForm {
  form: SecretForm;
  bytes: Buffer;
}

/** Shorter needles match by chance; the scan reports how many secrets it had to leave out. */
export const MIN_NEEDLE_BYTES = 8;

export function encodedForms(secret: string): EncodedForm[] {
  const raw = Buffer.from(secret, 'utf8');
  const forms: EncodedForm[] = [{ form: 'raw', bytes: raw }];
  const seen = new Set<string>([raw.toString('latin1')]);
  const add = (form: SecretForm, text: string) => {
    if (text.length < MIN_NEEDLE_BYTES || seen.has(text)) return;
    seen.add(text);
    forms.push({ form, bytes: Buffer.from(text, 'latin1') });
  };
  for (const core of base64Cores(raw)) {
    add('base64', core);
    add('base64', core.replaceAll('+', '-').replaceAll('/', '_'));
  }
  const percent = encodeURIComponent(secret);
  add('url-encoded', percent);
  add(
    'url-encoded',
    percent.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
  );
  return forms;
}

/**
 * The base64 characters that depend on the secret's bytes alone, for each alignment k (the
 * secret starting k bytes into a 3-byte group): character i covers bits [6i, 6i+6) of the
 * encoded bytes, and only those inside the secret's bits [8k, 8(k+L)) are fixed by it.
 */
function base64Cores(raw: Buffer): string[] {
  const cores: string[] = [];
  for (let k = 0; k < 3; k += 1) {
    const encoded = Buffer.concat([Buffer.alloc(k), raw, Buffer.alloc(3)]).toString('base64');
    const start = Math.ceil((8 * k) / 6);
    const end = Math.floor((8 * (k + raw.length)) / 6);
    if (end > start) cores.push(encoded.slice(start, end));
  }
  return cores;
}
