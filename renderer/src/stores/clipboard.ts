import { create } from 'zustand';
import type { CopyReceipt } from '../../../contract/clipboard.ts';
import { registerStore } from './registry.ts';

/** What the copy notice says: which key was copied and when the clipboard clears. Never the value. */
export type CopyNotice =
  | { state: 'copied'; keyId: string; label: string; copiedAtMs: number; clearsAtMs: number | null }
  | { state: 'cleared'; label: string }
  /** A reference or .env line: no secret, so the text itself is shown, and nothing is cleared. */
  | { state: 'referenced'; label: string; text: string }
  | { state: 'failed'; message: string }
  | null;

interface ClipboardState {
  notice: CopyNotice;
  copied: (receipt: CopyReceipt) => void;
  cleared: (keyId: string, cleared: boolean) => void;
  failed: (message: string) => void;
  referenced: (label: string, text: string) => void;
  dismiss: () => void;
}

export const useClipboard = create<ClipboardState>((set, get) => ({
  notice: null,
  copied: (receipt) => {
    // Counted on this machine's clock from now: the page and main may disagree about the time.
    const copiedAtMs = Date.now();
    set({
      notice: {
        state: 'copied',
        keyId: receipt.keyId,
        label: receipt.label,
        copiedAtMs,
        clearsAtMs: receipt.clearAfterMs === null ? null : copiedAtMs + receipt.clearAfterMs,
      },
    });
  },
  cleared: (keyId, cleared) => {
    const notice = get().notice;
    if (notice?.state !== 'copied' || notice.keyId !== keyId) return;
    set({ notice: cleared ? { state: 'cleared', label: notice.label } : null });
  },
  failed: (message) => set({ notice: { state: 'failed', message } }),
  referenced: (label, text) => set({ notice: { state: 'referenced', label, text } }),
  dismiss: () => set({ notice: null }),
}));

registerStore('clipboard', useClipboard);
