import type { StoreApi, UseBoundStore } from 'zustand';

/**
 * Every store that can hold vault data registers here with its empty state, so a lock can put
 * them all back in one call and nothing of the last session survives on the unlock screen.
 * Secrets never enter a store; labels, providers and notes do, and they are private too.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const stores: Array<{ name: string; store: UseBoundStore<StoreApi<any>>; initial: object }> = [];

export function registerStore<T extends object>(name: string, store: UseBoundStore<StoreApi<T>>): void {
  stores.push({ name, store, initial: store.getState() });
}

/** Back to each store's initial state (its actions included, so they keep working). */
export function resetAllStores(): void {
  for (const { store, initial } of stores) store.setState(initial, true);
}

/** The data (not the functions) of every store, by name. */
export function snapshotStores(): Record<string, unknown> {
  return Object.fromEntries(stores.map(({ name, store }) => [name, JSON.parse(JSON.stringify(store.getState())) as unknown]));
}

/**
 * The browser test harness defines `__keywardHarness` before the app loads; the desktop app
 * never does (its preload exposes only `keyward`). Only there does a test get to read the stores.
 */
const harness = (globalThis as { __keywardHarness?: { readState: (() => unknown) | null } }).__keywardHarness;
if (harness) harness.readState = snapshotStores;
