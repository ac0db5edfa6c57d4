import { z } from 'zod';
import { event, method } from './define.ts';
import { keyId } from './keys.ts';

/** Why a pending clear ran: its timer, a lock, quitting, or a request from the user. */
export const clearReasons = ['timer', 'lock', 'quit', 'request'] as const;
export type ClearReason = (typeof clearReasons)[number];

/** What a copy tells the caller: which key, and when the clipboard will be cleared. Never the value. */
export interface CopyReceipt {
  keyId: string;
  label: string;
  /** null when the user chose never to clear the clipboard. */
  clearAfterMs: number | null;
  /** ISO time of the clear, or null. */
  clearsAt: string | null;
}

export const clipboardContract = {
  /**
   * Copies one key's secret from main straight to the system clipboard, marked for exclusion
   * from clipboard history and managers, and schedules the compare-then-clear. The value never
   * travels to the caller.
   */
  copyKey: method(z.object({ id: keyId }).strict()).returns<CopyReceipt>(),
  /**
   * Copies a key's reference (`keyward://…`) or its `.env` line (`OPENAI_API_KEY=keyward://…`):
   * no secret, so no concealment and no clear. The text comes back for the notice.
   */
  copyReference: method(z.object({ id: keyId, form: z.enum(['reference', 'envLine']) }).strict()).returns<{
    label: string;
    text: string;
  }>(),
  /** Clears the clipboard now, if it still holds what Keyward wrote. */
  clear: method(z.undefined()).returns<{ cleared: boolean }>(),
};

export const clipboardEvents = {
  copied: event<CopyReceipt>(),
  /**
   * A pending clear is over. `cleared` is false when the clipboard no longer held our value
   * (the user copied something else) and was left alone.
   */
  clipboardCleared: event<{ keyId: string; reason: ClearReason; cleared: boolean }>(),
};
