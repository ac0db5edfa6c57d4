import { create } from 'zustand';
import { registerStore } from './registry.ts';

/** Which dialog is open, if any. Only ids, never key data. */
export type OpenDialog =
  | { kind: 'add' }
  | { kind: 'edit'; id: string }
  | { kind: 'delete'; id: string }
  | { kind: 'palette' }
  | { kind: 'rotate'; id: string }
  | { kind: 'history'; id: string }
  | { kind: 'envImport' }
  | null;

interface UiState {
  section: string;
  dialog: OpenDialog;
  showSection: (section: string) => void;
  open: (dialog: OpenDialog) => void;
  close: () => void;
}

export const useUi = create<UiState>((set) => ({
  section: 'keys',
  dialog: null,
  showSection: (section) => set({ section }),
  open: (dialog) => set({ dialog }),
  close: () => set({ dialog: null }),
}));

registerStore('ui', useUi);
