import { create } from 'zustand';
import { registerStore } from './registry.ts';

/** The "moved to the trash — Undo" notice after a delete: which key, by id and label only. */
interface TrashNoticeState {
  notice: { id: string; label: string } | null;
  show: (key: { id: string; label: string }) => void;
  dismiss: () => void;
}

export const useTrashNotice = create<TrashNoticeState>((set) => ({
  notice: null,
  show: ({ id, label }) => set({ notice: { id, label } }),
  dismiss: () => set({ notice: null }),
}));

registerStore('trashNotice', useTrashNotice);
