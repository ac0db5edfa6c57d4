import { useMemo } from 'react';
import { create } from 'zustand';
import { matchesWords, searchableText, searchWords } from '../../../contract/key-search.ts';
import type { Environment, KeySummary } from '../../../contract/keys.ts';
import { api } from '../api.ts';
import { registerStore } from './registry.ts';
import { useSettings } from './settings.ts';

/**
 * The keys the main view shows: every masked summary, loaded once after unlock and again after a
 * change, never a secret. Search filters that list here, as the user types: a keystroke costs a
 * scan of 10,000 short strings instead of a round trip to main and 3.6 MB of summaries back.
 * After an unlock the first screen's rows come first (loadFirstScreen) and are painted before
 * the whole list is asked for (reload): 60 summaries cross in a few milliseconds, 10,000 in
 * a few hundred.
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
  /** False while `keys` holds only the first screen's rows, before the whole list has arrived. */
  complete: boolean;
  setSearch: (search: string) => void;
  filter: (changes: Partial<KeyFilters>) => void;
  /** Every key (after an unlock, after a change). */
  reload: () => Promise<void>;
  /** After an unlock: the first screen's rows only, resolved once they are painted. Nothing if a list is already in. */
  loadFirstScreen: () => Promise<void>;
  /** Puts one changed key in place without a round trip (favourite toggles, edits). */
  replace: (key: KeySummary) => void;
}

// A reload can overtake another (a change right after unlock); only the newest may land.
let latestRequest = 0;

/** More rows than the tallest window shows at once, cards or list. */
export const FIRST_SCREEN_ROWS = 60;

/** After the next frame has been painted; a hidden window paints no frames, so at most 100 ms. */
function painted(): Promise<void> {
  return new Promise((resolve) => {
    const done = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(done);
        resolve();
      }, 0),
    );
  });
}

export const useKeys = create<KeysState>((set, get) => ({
  keys: [],
  search: '',
  filters: noFilters,
  loaded: false,
  setSearch: (search) => set({ search }),
  filter: (changes) => set({ filters: { ...get().filters, ...changes } }),
  complete: false,
  reload: async () => {
    const request = ++latestRequest;
    const keys = await api.keys.list();
    if (request === latestRequest) set({ keys, loaded: true, complete: true });
  },
  loadFirstScreen: async () => {
    if (get().loaded) return;
    const request = ++latestRequest;
    // The compact list first sorts by name; the cards follow the list's own order.
    const order = useSettings.getState().settings.keyView === 'list' ? 'name' : 'list';
    const keys = await api.keys.list({ limit: FIRST_SCREEN_ROWS, order });
    if (request !== latestRequest) return;
    set({ keys, loaded: true, complete: keys.length < FIRST_SCREEN_ROWS });
    await painted();
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
