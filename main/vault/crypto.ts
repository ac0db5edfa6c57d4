import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { defineMessages } from '@formatjs/intl';
import type { KeywardError } from '../../contract/errors.ts';
import { phrase } from '../../i18n/phrase.ts';
import { phraseError } from '../../i18n/phrase-text.ts';

const errors = defineMessages({
  secretDamaged: {
    id: 'vault.error.secretDamaged',
    defaultMessage:
      'The vault is damaged: a stored key failed its authentication check. Restore a backup from Settings or `keyward backup restore`.',
  },
});

/** AES-256-GCM with a random 96-bit nonce per message; the tag authenticates ciphertext and `aad`. */
export interface Sealed {
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export function sealAesGcm(key: Buffer, plaintext: Buffer, aad: Buffer): Sealed {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

/** Throws when the key is wrong or anything was altered; callers decide what that means. */
export function openAesGcm(key: Buffer, sealed: Sealed, aad: Buffer): Buffer {
  if (sealed.iv.length !== IV_BYTES || sealed.tag.length !== TAG_BYTES) throw new Error('malformed sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.tag);
  // The pieces are plaintext too: wiped once joined, also when the tag check fails (then the
  // decrypted bytes must not linger either).
  const head = decipher.update(sealed.ciphertext);
  try {
    const tail = decipher.final();
    const plain = Buffer.concat([head, tail]);
    tail.fill(0);
    return plain;
  } finally {
    head.fill(0);
  }
}

/** HKDF-SHA256: independent 256-bit subkeys from the data key, one per purpose. */
export function deriveSubkey(dataKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), `keyward/${purpose}`, 32));
}

const BOX_VERSION = 1;

/**
 * The second layer: each secret value is sealed on its own inside the (already encrypted)
 * database, bound to its row by `context` (the key id), so a value copied onto another row
 * does not open. Listing and searching never need this box.
 */
export class SecretBox {
  #sealKey: Buffer;
  #fingerprintKey: Buffer;

  constructor(dataKey: Buffer) {
    this.#sealKey = deriveSubkey(dataKey, 'secret-values/v1');
    this.#fingerprintKey = deriveSubkey(dataKey, 'secret-fingerprints/v1');
  }

  seal(context: string, plaintext: string): Buffer {
    const bytes = Buffer.from(plaintext, 'utf8');
    try {
      const { iv, ciphertext, tag } = sealAesGcm(this.#sealKey, bytes, aadFor(context));
      return Buffer.concat([Buffer.from([BOX_VERSION]), iv, tag, ciphertext]);
    } finally {
      bytes.fill(0);
    }
  }

  /** A blob that is malformed or fails authentication is damage (exit 4 in the CLI), never an internal error. */
  open(context: string, blob: Buffer): string {
    if (blob.length < 1 + IV_BYTES + TAG_BYTES || blob[0] !== BOX_VERSION) throw damagedSecret();
    const iv = blob.subarray(1, 1 + IV_BYTES);
    const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const ciphertext = blob.subarray(1 + IV_BYTES + TAG_BYTES);
    let plain: Buffer;
    try {
      plain = openAesGcm(this.#sealKey, { iv, ciphertext, tag }, aadFor(context));
    } catch {
      throw damagedSecret();
    }
    const text = plain.toString('utf8');
    plain.fill(0);
    return text;
  }

  /** A keyed hash that finds duplicates without decrypting anything; useless without the vault key. */
  fingerprint(plaintext: string): string {
    return createHmac('sha256', this.#fingerprintKey).update(plaintext, 'utf8').digest('hex');
  }

  wipe(): void {
    this.#sealKey.fill(0);
    this.#fingerprintKey.fill(0);
  }
}

function damagedSecret(): KeywardError {
  return phraseError('VaultDamaged', phrase(errors.secretDamaged));
}

function aadFor(context: string): Buffer {
  return Buffer.from(`keyward/secret/v${BOX_VERSION}/${context}`, 'utf8');
}
