import type { AuditSource } from '../../contract/audit.ts';
import { KeywardError } from '../../contract/errors.ts';
import { isReference, parseReference, type ParsedReference } from '../../contract/references.ts';
import type { ResolvedReference } from '../../contract/references-contract.ts';
import { auditDetail } from '../audit/details.ts';
import { appendAudit } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import { inWriteTransaction, type Db } from '../vault/database.ts';
import type { Vault } from '../vault/vault.ts';

interface Candidate {
  id: string;
  label: string;
  provider: string;
  secret: Buffer;
}

export interface Purpose {
  kind: 'run' | 'inject';
  /** The command's name (`node`, `docker`), never its arguments, which may hold anything. */
  command: string;
}

/**
 * Turns `keyward://` references into secrets for `keyward run` and `keyward inject`. All or
 * nothing: every reference is looked up first, and if any names no key (or several) the call
 * fails naming each of them, before a secret is decrypted. Each call is one audit entry.
 */
export class ReferenceResolver {
  readonly #vault: Vault;
  readonly #clock: Clock;

  constructor(vault: Vault, clock: Clock) {
    this.#vault = vault;
    this.#clock = clock;
  }

  resolve(references: readonly string[], purpose: Purpose, source: AuditSource): { resolved: ResolvedReference[] } {
    const { db, box } = this.#vault.session();
    const unique = [...new Set(references)];
    const problems: string[] = [];
    const found = new Map<string, Candidate>();
    for (const reference of unique) {
      const parsed = parseReference(reference);
      if (!parsed) {
        // Something that does not even start like a reference may be a key pasted in its place: never echoed.
        const named = isReference(reference) ? reference : `value ${unique.indexOf(reference) + 1} (not a keyward:// reference)`;
        problems.push(`${named} is not a reference Keyward can read (keyward://<id> or keyward://<provider>/<label>)`);
        continue;
      }
      const matches = candidates(db, parsed);
      if (matches.length === 1) found.set(reference, matches[0]!);
      else if (matches.length === 0) problems.push(`${reference} names no key in the vault`);
      else
        problems.push(`${reference} names ${matches.length} keys (${matches.map((m) => m.id).join(', ')}); use keyward://<id>`);
    }
    if (problems.length > 0) {
      throw new KeywardError('NotFound', `Nothing was started: ${problems.join('; ')}.`);
    }
    const resolved = unique.map((reference) => {
      const key = found.get(reference)!;
      return { reference, keyId: key.id, label: key.label, provider: key.provider, secret: box.open(key.id, key.secret) };
    });
    const keys = [...new Map(resolved.map((r) => [r.keyId, r])).values()];
    inWriteTransaction(db, () => {
      appendAudit(db, {
        at: this.#clock.now().toISOString(),
        action: 'keys.resolved',
        source,
        keyId: keys.length === 1 ? keys[0]!.keyId : null,
        keyLabel: keys.length === 1 ? keys[0]!.label : null,
        detail: auditDetail.keysResolved(purpose.kind, purpose.command, keys),
      });
    });
    return { resolved };
  }
}

/** The keys a reference names; a key in the trash names nothing until it is restored. */
function candidates(db: Db, reference: ParsedReference): Candidate[] {
  if (reference.kind === 'id') {
    return db
      .prepare('SELECT id, label, provider, secret FROM keys WHERE id = ? AND deleted_at IS NULL')
      .all(reference.id) as Candidate[];
  }
  const sameProvider = db
    .prepare('SELECT id, label, provider, secret FROM keys WHERE provider = ? AND deleted_at IS NULL ORDER BY created_at')
    .all(reference.provider) as Candidate[];
  const exact = sameProvider.filter((key) => key.label === reference.label);
  if (exact.length > 0) return exact;
  // Labels are typed by people: a reference written in another case still finds its one key.
  const folded = reference.label.toLocaleLowerCase();
  return sameProvider.filter((key) => key.label.toLocaleLowerCase() === folded);
}
