import { createHash } from 'node:crypto';
import { defineMessages } from '@formatjs/intl';
import { z } from 'zod';
import { KeywardError } from '../../contract/errors.ts';
import { phrase, type PhraseValues } from '../../i18n/phrase.ts';
import { phraseError } from '../../i18n/phrase-text.ts';
import { writeFileAtomic } from './atomic-file.ts';
import { openAesGcm, sealAesGcm } from './crypto.ts';
import { readBounded } from '../bounded-read.ts';
import { isOutOfBounds, type KdfParams } from './kdf.ts';

/**
 * The vault header: the small file that holds the data key wrapped under the password-derived
 * key, and the KDF parameters needed to derive it again. Everything in it is public except
 * what the wrap protects. The checksum tells accidental damage apart from a wrong password;
 * the wrap's associated data binds the KDF parameters, so editing them can never yield a key.
 */
export const HEADER_VERSION = 1;

const errors = defineMessages({
  damaged: {
    id: 'vault.error.damaged',
    defaultMessage:
      'The vault is damaged: {cause, select, headerUnreadable {the vault header is not readable} headerChecksum {the vault header failed its checksum} headerMalformed {the vault header is malformed} headerMissing {the vault header (vault.header.json) is missing} kdfOutOfRange {the key-derivation settings are outside the range Keyward uses} dbMissing {vault.db is missing} dbUnopenable {vault.db cannot be opened} dbEmpty {vault.db is empty} integrity {the integrity check after the last unlock found vault.db damaged} walCut {the write-ahead log is cut inside its header} walHeader {the write-ahead log header is not valid} walFrame {write-ahead log frame {frame} was altered} otherVault {vault.db belongs to another vault} backupOtherVault {backup {name} belongs to another vault} symlink {{file} in the data directory is a symbolic link; Keyward does not follow links there} other {vault.db does not match its header or is corrupted}}. Nothing was changed; recover it from a backup (the unlock screen offers them, or `keyward backup recover`).',
  },
});

// Only the canonical encoding is accepted: base64 has spare bits in its last character, and a
// flipped spare bit would otherwise decode to the same bytes and pass as undamaged.
const b64 = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/)
    .transform((s) => ({ text: s, bytes: Buffer.from(s, 'base64') }))
    .refine(({ text, bytes: decoded }) => decoded.length === bytes && decoded.toString('base64') === text)
    .transform(({ bytes: decoded }) => decoded);

const headerSchema = z
  .object({
    format: z.literal('keyward-vault'),
    version: z.literal(HEADER_VERSION),
    vaultId: z.uuid(),
    createdAt: z.iso.datetime(),
    kdf: z
      .object({
        algorithm: z.literal('argon2id'),
        version: z.literal(19),
        memoryKiB: z.int().positive(),
        iterations: z.int().positive(),
        parallelism: z.int().positive(),
        salt: b64(16),
      })
      .strict(),
    wrappedKey: z.object({ algorithm: z.literal('aes-256-gcm'), iv: b64(12), ciphertext: b64(32), tag: b64(16) }).strict(),
    checksum: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

export interface VaultHeader {
  vaultId: string;
  createdAt: string;
  kdf: KdfParams;
  wrappedKey: { iv: Buffer; ciphertext: Buffer; tag: Buffer };
}

/** A header is well under 1 KiB; anything past this is not one. */
const MAX_HEADER_BYTES = 64 * 1024;

export function readHeader(path: string): VaultHeader {
  let raw: unknown;
  try {
    // Only a plain file of a header's size: a symlink to /dev/zero must not be read without end.
    const bytes = readBounded(path, MAX_HEADER_BYTES, { regularOnly: true });
    if (!bytes) throw new Error('too large');
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw damaged('headerUnreadable');
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > HEADER_VERSION) {
    // Every version computes its checksum the same way (over the document without it, as
    // written), so a newer header is told from a damaged one whose version digit was hit (found
    // by the reliability suite: such a header asked the user to update Keyward).
    if (!checksumCoversDocument(raw)) throw damaged('headerChecksum');
    throw new KeywardError('VaultTooNew', 'This vault was written by a newer version of Keyward; update Keyward to open it.');
  }
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) throw damaged('headerMalformed');
  const { checksum, ...body } = parsed.data;
  const header: VaultHeader = body;
  if (checksumOf(header) !== checksum) throw damaged('headerChecksum');
  // Every reader (unlock, recover from a backup's header, change password) gets the same bounds.
  if (isOutOfBounds(header.kdf)) throw damaged('kdfOutOfRange');
  return header;
}

export function writeHeader(path: string, header: VaultHeader): void {
  const body = serialise(header);
  writeFileAtomic(path, `${JSON.stringify({ ...body, checksum: checksumOf(header) }, null, 2)}\n`);
}

export function wrapDataKey(
  dataKey: Buffer,
  kek: Buffer,
  fields: Pick<VaultHeader, 'vaultId' | 'createdAt' | 'kdf'>,
): VaultHeader {
  const wrappedKey = sealAesGcm(kek, dataKey, boundFields(fields));
  return { ...fields, wrappedKey };
}

/** `null` means the KEK is wrong (a wrong password, or KDF fields altered with the checksum recomputed). */
export function unwrapDataKey(header: VaultHeader, kek: Buffer): Buffer | null {
  try {
    return openAesGcm(kek, header.wrappedKey, boundFields(header));
  } catch {
    return null;
  }
}

function serialise(header: VaultHeader) {
  const { kdf, wrappedKey } = header;
  return {
    format: 'keyward-vault',
    version: HEADER_VERSION,
    vaultId: header.vaultId,
    createdAt: header.createdAt,
    kdf: {
      algorithm: kdf.algorithm,
      version: kdf.version,
      memoryKiB: kdf.memoryKiB,
      iterations: kdf.iterations,
      parallelism: kdf.parallelism,
      salt: kdf.salt.toString('base64'),
    },
    wrappedKey: {
      algorithm: 'aes-256-gcm',
      iv: wrappedKey.iv.toString('base64'),
      ciphertext: wrappedKey.ciphertext.toString('base64'),
      tag: wrappedKey.tag.toString('base64'),
    },
  };
}

function checksumCoversDocument(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const { checksum, ...body } = raw as Record<string, unknown>;
  return typeof checksum === 'string' && createHash('sha256').update(JSON.stringify(body)).digest('hex') === checksum;
}

function checksumOf(header: VaultHeader): string {
  return createHash('sha256')
    .update(JSON.stringify(serialise(header)))
    .digest('hex');
}

/** The associated data of the wrap: every header field except the wrap itself. */
function boundFields(fields: Pick<VaultHeader, 'vaultId' | 'createdAt' | 'kdf'>): Buffer {
  const { wrappedKey, ...bound } = serialise({ ...fields, wrappedKey: emptyWrap });
  void wrappedKey;
  return Buffer.from(JSON.stringify(bound), 'utf8');
}

const emptyWrap = { iv: Buffer.alloc(0), ciphertext: Buffer.alloc(0), tag: Buffer.alloc(0) };

/**
 * What is damaged, as the message words it. `corrupted` (vault.db does not match its header) is
 * the message's `other`. Values: `frame` for walFrame, `name` (a backup's) for backupOtherVault,
 * `file` for symlink.
 */
export type DamageCause =
  | 'headerUnreadable'
  | 'headerChecksum'
  | 'headerMalformed'
  | 'headerMissing'
  | 'kdfOutOfRange'
  | 'dbMissing'
  | 'dbUnopenable'
  | 'dbEmpty'
  | 'corrupted'
  | 'integrity'
  | 'walCut'
  | 'walHeader'
  | 'walFrame'
  | 'otherVault'
  | 'backupOtherVault'
  | 'symlink';

export function damaged(cause: DamageCause, values: PhraseValues = {}): KeywardError {
  return phraseError('VaultDamaged', phrase(errors.damaged, { cause, ...values }));
}
