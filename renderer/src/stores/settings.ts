import { create } from 'zustand';
import { defaultSettings, type Settings } from '../../../contract/settings.ts';
import { api } from '../api.ts';
import { registerStore } from './registry.ts';

interface SettingsState {
  settings: Settings;
  /** False until the vault's settings arrived (the defaults stand in until then). */
  loaded: boolean;
  load: () => Promise<void>;
  update: (changes: Partial<Settings>) => Promise<void>;
  apply: (settings: Settings) => void;
}

export const useSettings = create<SettingsState>((set, get) => ({
  settings: defaultSettings,
  loaded: false,
  load: async () => set({ settings: await api.settings.get(), loaded: true }),
  // The control shows the choice at once (a controlled radio would otherwise snap back until main
  // answers); main's answer then stands, or the old value returns if it refused.
  update: async (changes) => {
    const before = get().settings;
    set({ settings: { ...before, ...changes } });
    try {
      set({ settings: await api.settings.update(changes), loaded: true });
    } catch (error) {
      set({ settings: before });
      throw error;
    }
  },
  apply: (settings) => set({ settings, loaded: true }),
}));

registerStore('settings', useSettings);
