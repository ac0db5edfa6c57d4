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

export const useSettings = create<SettingsState>((set) => ({
  settings: defaultSettings,
  loaded: false,
  load: async () => set({ settings: await api.settings.get(), loaded: true }),
  update: async (changes) => set({ settings: await api.settings.update(changes), loaded: true }),
  apply: (settings) => set({ settings, loaded: true }),
}));

registerStore('settings', useSettings);
