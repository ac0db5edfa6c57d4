import { create } from 'zustand';
import type { KeySummary } from '../../../contract/keys.ts';
import { api } from '../api.ts';
import { registerStore } from './registry.ts';

/** The keys the main view shows: masked summaries for the current search, never a secret. */
interface KeysState {
  keys: KeySummary[];
  search: string;
  /** False until the first list has arrived, so the empty state does not flash. */
  loaded: boolean;
  setSearch: (search: string) => void;
  reload: () => Promise<void>;
  /** Puts one changed key in place without a round trip (favourite toggles, edits). */
  replace: (key: KeySummary) => void;
}

// Answers can overtake each other while the user types; only the newest request may land.
let latestRequest = 0;

export const useKeys = create<KeysState>((set, get) => ({
  keys: [],
  search: '',
  loaded: false,
  setSearch: (search) => {
    set({ search });
    void get().reload();
  },
  reload: async () => {
    const request = ++latestRequest;
    const search = get().search.trim();
    const keys = await api.keys.list(search ? { search } : undefined);
    if (request === latestRequest) set({ keys, loaded: true });
  },
  replace: (key) => set({ keys: get().keys.map((k) => (k.id === key.id ? key : k)) }),
}));

registerStore('keys', useKeys);
