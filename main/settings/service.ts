import { defaultSettingsFor, settingSchemas, type SettingName, type Settings } from '../../contract/settings.ts';
import type { EventBus } from '../events.ts';
import type { Vault } from '../vault/vault.ts';
import { inWriteTransaction } from '../vault/database.ts';

const names = Object.keys(settingSchemas) as SettingName[];

/**
 * The user's settings, in the vault's `settings` table (name → JSON value), so they are
 * encrypted with everything else and travel with the vault. Reads go through the contract's
 * schemas: a missing, unknown or unreadable value is the default, never an error.
 */
export class SettingsService {
  readonly #vault: Vault;
  readonly #events: EventBus;
  readonly #defaults: Settings;

  /** `platform` picks the defaults that follow an OS convention (closing to the tray). */
  constructor(vault: Vault, events: EventBus, platform: string = process.platform) {
    this.#vault = vault;
    this.#events = events;
    this.#defaults = defaultSettingsFor(platform);
  }

  get(): Settings {
    const { db } = this.#vault.session();
    const rows = db.prepare('SELECT key, value FROM settings').all() as Array<{ key: string; value: string }>;
    const stored = new Map(rows.map((row) => [row.key, row.value]));
    const settings: Record<string, unknown> = structuredClone(this.#defaults);
    for (const name of names) {
      const raw = stored.get(name);
      if (raw === undefined) continue;
      const parsed = settingSchemas[name].safeParse(parseJson(raw));
      if (parsed.success) settings[name] = parsed.data;
    }
    return settings as Settings;
  }

  /** `changes` has passed the contract's schema. Writes them in one transaction and tells listeners. */
  update(changes: Partial<Settings>): Settings {
    const { db } = this.#vault.session();
    const entries = names
      .filter((name) => changes[name] !== undefined)
      .map((name) => [name, JSON.stringify(changes[name])] as const);
    if (entries.length === 0) return this.get();
    const upsert = db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    inWriteTransaction(db, () => {
      for (const [name, value] of entries) upsert.run(name, value);
    });
    const settings = this.get();
    this.#events.emit('settingsChanged', settings);
    return settings;
  }
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
