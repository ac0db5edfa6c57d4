import { create } from 'zustand';
import type { VaultStatus } from '../../../contract/vault.ts';

/** Where the app is: which screen to show. Holds no key data, so it survives a lock as is. */
interface SessionState {
  status: VaultStatus | null;
  setStatus: (status: VaultStatus) => void;
}

export const useSession = create<SessionState>((set) => ({
  status: null,
  setStatus: (status) => set({ status }),
}));
