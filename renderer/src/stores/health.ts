import { create } from 'zustand';
import { urgentHealthReasons, type CheckResult, type CheckRun, type HealthItem } from '../../../contract/health.ts';
import { api } from '../api.ts';
import { useKeys } from './keys.ts';
import { registerStore } from './registry.ts';

/** Health items and each key's last live check: labels, verdicts and dates from main, never a secret. */
interface HealthState {
  items: HealthItem[];
  /** The items Needs attention shows (see urgentHealthReasons). */
  urgent: HealthItem[];
  /** The last check of each key that has one, by key id. */
  checks: Record<string, CheckResult>;
  /** Keys being checked now (a card's "Check", or all of them). */
  checking: string[];
  load: () => Promise<void>;
  /** Asks the providers (only on the user's press); without ids, every key that can be checked. */
  check: (ids?: string[]) => Promise<CheckRun>;
}

export const useHealth = create<HealthState>((set, get) => ({
  items: [],
  urgent: [],
  checks: {},
  checking: [],
  load: async () => {
    const [items, checks] = await Promise.all([api.health.list(), api.health.lastChecks()]);
    set({
      items,
      urgent: items.filter((item) => urgentHealthReasons.includes(item.reason)),
      checks: Object.fromEntries(checks.map((check) => [check.keyId, check])),
    });
  },
  check: async (ids) => {
    const marked = ids ?? ['*'];
    set({ checking: [...get().checking, ...marked] });
    try {
      const run = await api.health.check(ids ? { ids } : {});
      await get().load();
      // GitHub's expiry may have filled a key's empty one: the cards show it at once.
      if (run.results.some((result) => result.details.expiryFilled === true)) await useKeys.getState().reload();
      return run;
    } finally {
      set({ checking: get().checking.filter((id) => !marked.includes(id)) });
    }
  },
}));

registerStore('health', useHealth);
