import { useMemo } from 'react';
import { create } from 'zustand';
import { matchesWords, searchableText, searchWords } from '../../../contract/key-search.ts';
import type { Environment, KeySummary } from '../../../contract/keys.ts';
import { api } from '../api.ts';
import { registerStore } from './registry.ts';

/**
 * The keys the main view shows: every masked summary, loaded once after unlock and again after a
 * change, never a secret. Search filters that list here, as the user types: a keystroke costs a
 * scan of 10,000 short strings instead of a round trip to main and 3.6 MB of summaries back.
 */
/** Narrowing beyond the search: one environment, one tag, one place the key is used (null: any). */
export interface KeyFilters {
  environment: Environment | null;
  tag: string | null;
  usedIn: string | null;
}

export const noFilters: KeyFilters = { environment: null, tag: null, usedIn: null };

interface KeysState {
  keys: KeySummary[];
  search: string;
  filters: KeyFilters;
  /** False until the first list has arrived, so the empty state does not flash. */
  loaded: boolean;
  setSearch: (search: string) => void;
  filter: (changes: Partial<KeyFilters>) => void;
  reload: () => Promise<void>;
  /** Puts one changed key in place without a round trip (favourite toggles, edits). */
  replace: (key: KeySummary) => void;
}

// A reload can overtake another (a change right after unlock); only the newest may land.
let latestRequest = 0;

export const useKeys = create<KeysState>((set, get) => ({
  keys: [],
  search: '',
  filters: noFilters,
  loaded: false,
  setSearch: (search) => set({ search }),
  filter: (changes) => set({ filters: { ...get().filters, ...changes } }),
  reload: async () => {
    const request = ++latestRequest;
    const keys = await api.keys.list();
    if (request === latestRequest) set({ keys, loaded: true });
  },
  replace: (key) => set({ keys: get().keys.map((k) => (k.id === key.id ? key : k)) }),
}));

registerStore('keys', useKeys);

/** Each summary's search text, made once per summary object (a reload or an edit brings new ones). */
const texts = new WeakMap<KeySummary, string>();

function textOf(key: KeySummary): string {
  let text = texts.get(key);
  if (text === undefined) {
    text = searchableText(key);
    texts.set(key, text);
  }
  return text;
}

export function isFiltered(filters: KeyFilters): boolean {
  return filters.environment !== null || filters.tag !== null || filters.usedIn !== null;
}

function passes(key: KeySummary, filters: KeyFilters): boolean {
  return (
    (filters.environment === null || key.environment === filters.environment) &&
    (filters.tag === null || key.tags.includes(filters.tag)) &&
    (filters.usedIn === null || key.usedIn.includes(filters.usedIn))
  );
}

/** The keys matching the current search and filters, in the list's order (favourites, provider, label). */
export function useVisibleKeys(): KeySummary[] {
  const keys = useKeys((s) => s.keys);
  const search = useKeys((s) => s.search);
  const filters = useKeys((s) => s.filters);
  return useMemo(() => {
    const words = searchWords(search);
    if (words.length === 0 && !isFiltered(filters)) return keys;
    return keys.filter((key) => passes(key, filters) && matchesWords(textOf(key), words));
  }, [keys, search, filters]);
}
