import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ClearReason } from '../../contract/clipboard.ts';
import { SerialQueue } from '../serial-queue.ts';
import type { ClipboardPort, Timers } from './port.ts';

interface Pending {
  keyId: string;
  /** A keyed digest of what we wrote, so the plaintext itself is not kept around to compare with. */
  digest: Buffer;
  timer: unknown;
}

export type ClearedListener = (result: { keyId: string; reason: ClearReason; cleared: boolean }) => void;

/**
 * Writes secrets to the clipboard and takes them away again: after the delay, at lock and at
 * quit — but only if the clipboard still holds what we wrote, so something the user copied
 * since is never wiped. Operations run one at a time, so a clear cannot interleave with a new
 * copy and wipe it.
 */
export class ClipboardGuard {
  readonly #port: ClipboardPort;
  readonly #timers: Timers;
  readonly #onCleared: ClearedListener;
  readonly #digestKey = randomBytes(32);
  #pending: Pending | null = null;
  readonly #queue = new SerialQueue();

  constructor(port: ClipboardPort, timers: Timers, onCleared: ClearedListener) {
    this.#port = port;
    this.#timers = timers;
    this.#onCleared = onCleared;
  }

  /** Writes `secret`; it will be cleared after `clearAfterMs`, or only at lock/quit when null. */
  write(secret: string, keyId: string, clearAfterMs: number | null): Promise<void> {
    return this.#queue.run(async () => {
      await this.#port.writeSecret(secret);
      // The new value replaced the old one on the clipboard; the old one's clear has nothing left to do.
      this.#cancelTimer();
      const timer = clearAfterMs === null ? null : this.#timers.setTimeout(() => void this.clear('timer'), clearAfterMs);
      this.#pending = { keyId, digest: this.#digest(secret), timer };
    });
  }

  /**
   * Writes text that is no secret (a reference). In the same queue as secrets, so it cannot
   * land between a secret's write and its bookkeeping; a pending clear then finds the clipboard
   * no longer holds its secret and leaves the reference alone.
   */
  writePlain(text: string): Promise<void> {
    return this.#queue.run(() => this.#port.writeText(text));
  }

  /** Runs the pending clear now. Resolves true when our value was on the clipboard and is gone. */
  clear(reason: ClearReason): Promise<boolean> {
    return this.#queue.run(async () => {
      const pending = this.#pending;
      if (!pending) return false;
      this.#cancelTimer();
      this.#pending = null;
      let cleared = false;
      try {
        const current = await this.#port.readText();
        if (timingSafeEqual(this.#digest(current), pending.digest)) {
          await this.#port.clear();
          cleared = true;
        }
      } catch {
        // An unreadable clipboard holds nothing we can recognise; there is nothing safe to do.
      }
      this.#onCleared({ keyId: pending.keyId, reason, cleared });
      return cleared;
    });
  }

  /** Whether a copied value is waiting to be cleared. */
  hasPending(): boolean {
    return this.#pending !== null;
  }

  #cancelTimer(): void {
    if (this.#pending?.timer != null) this.#timers.clearTimeout(this.#pending.timer);
  }

  #digest(text: string): Buffer {
    return createHmac('sha256', this.#digestKey).update(text, 'utf8').digest();
  }
}
