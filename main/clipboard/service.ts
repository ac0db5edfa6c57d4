import type { AuditSource } from '../../contract/audit.ts';
import type { ClearReason, CopyReceipt } from '../../contract/clipboard.ts';
import { isKeywardError, KeywardError } from '../../contract/errors.ts';
import { envLineFor, referenceFor } from '../../contract/references.ts';
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events.ts';
import type { KeyService } from '../keys/service.ts';
import type { SettingsService } from '../settings/service.ts';
import type { ClipboardGuard } from './guard.ts';

/**
 * Copy by id: main decrypts the key, writes it to the clipboard through the guard, records the
 * copy, and tells listeners when it will be cleared. The secret goes nowhere else.
 */
export class ClipboardService {
  readonly #guard: ClipboardGuard;
  readonly #keys: KeyService;
  readonly #settings: SettingsService;
  readonly #events: EventBus;
  readonly #clock: Clock;

  constructor(deps: { guard: ClipboardGuard; keys: KeyService; settings: SettingsService; events: EventBus; clock: Clock }) {
    this.#guard = deps.guard;
    this.#keys = deps.keys;
    this.#settings = deps.settings;
    this.#events = deps.events;
    this.#clock = deps.clock;
  }

  async copyKey(id: string, source: AuditSource): Promise<CopyReceipt> {
    const seconds = this.#settings.get().clipboardClearSeconds;
    const clearAfterMs = seconds === null ? null : seconds * 1000;
    let key;
    try {
      key = await this.#keys.copy(id, source, (secret) => this.#guard.write(secret, id, clearAfterMs));
    } catch (error) {
      // Locked while the clipboard was being written: the lock's clear may have run before the
      // value landed, so clear again rather than leave it until the timer.
      if (isKeywardError(error) && error.code === 'Locked') await this.#guard.clear('lock');
      if (isKeywardError(error)) throw error;
      throw new KeywardError('Internal', 'The clipboard could not be written; nothing was copied.');
    }
    const receipt: CopyReceipt = {
      keyId: id,
      label: key.label,
      clearAfterMs,
      clearsAt: clearAfterMs === null ? null : new Date(this.#clock.now().getTime() + clearAfterMs).toISOString(),
    };
    this.#events.emit('copied', receipt);
    return receipt;
  }

  /** A key's reference or `.env` line on the clipboard: readable form unless another key shares provider and label. */
  async copyReference(id: string, form: 'reference' | 'envLine'): Promise<{ label: string; text: string }> {
    const key = this.#keys.get(id);
    const keys = this.#keys.list();
    const text = form === 'reference' ? referenceFor(key, keys) : envLineFor(key, keys);
    try {
      await this.#guard.writePlain(text);
    } catch {
      throw new KeywardError('Internal', 'The clipboard could not be written; nothing was copied.');
    }
    return { label: key.label, text };
  }

  /** Clears now if the clipboard still holds our value (lock, quit, or the user asked). */
  clear(reason: ClearReason): Promise<boolean> {
    return this.#guard.clear(reason);
  }
}
