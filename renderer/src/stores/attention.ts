import { create } from 'zustand';
import type { DueItem, DueReason } from '../../../contract/reminders.ts';
import { api } from '../api.ts';
import { registerStore } from './registry.ts';

/** The "Needs attention" list: labels and dates from main, never a secret. */
interface AttentionState {
  items: DueItem[];
  loaded: boolean;
  load: () => Promise<void>;
  apply: (items: DueItem[]) => void;
  snooze: (item: { keyId: string; reason: DueReason; historySeq: number }, days: 1 | 7) => Promise<void>;
}

export const useAttention = create<AttentionState>((set) => ({
  items: [],
  loaded: false,
  load: async () => set({ items: await api.reminders.needsAttention(), loaded: true }),
  apply: (items) => set({ items, loaded: true }),
  snooze: async ({ keyId, reason, historySeq }, days) =>
    set({ items: await api.reminders.snooze({ keyId, reason, historySeq, days }) }),
}));

registerStore('attention', useAttention);
