import { lifecycleDefaultsFor, lifecycleSettingSchemas, type LifecycleSettings } from '../contract/lifecycle-settings.ts';
import { inWriteTransaction } from './vault/database.ts';
import type { Vault } from './vault/vault.ts';

const names = Object.keys(lifecycleSettingSchemas) as Array<keyof LifecycleSettings>;

/**
 * The lifecycle settings, stored as every setting is (name → JSON in the vault's settings
 * table) and read back through their schemas: a missing or unreadable value is the default.
 */
export class LifecycleSettingsStore {
  readonly #vault: Vault;
  readonly #defaults: LifecycleSettings;

  constructor(vault: Vault, platform: string) {
    this.#vault = vault;
    this.#defaults = lifecycleDefaultsFor(platform);
  }

  get defaults(): LifecycleSettings {
    return structuredClone(this.#defaults);
  }

  get(): LifecycleSettings {
    const rows = this.#vault.session().db.prepare('SELECT key, value FROM settings').all() as Array<{ key: string; value: string }>;
    const stored = new Map(rows.map((row) => [row.key, row.value]));
    const settings = this.defaults as unknown as Record<string, unknown>;
    for (const name of names) {
      const raw = stored.get(name);
      if (raw === undefined) continue;
      const parsed = lifecycleSettingSchemas[name].safeParse(parseJson(raw));
      if (parsed.success) settings[name] = parsed.data;
    }
    return settings as unknown as LifecycleSettings;
  }

  update(changes: Partial<LifecycleSettings>): LifecycleSettings {
    const { db } = this.#vault.session();
    const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    inWriteTransaction(db, () => {
      for (const name of names) {
        if (changes[name] !== undefined) upsert.run(name, JSON.stringify(lifecycleSettingSchemas[name].parse(changes[name])));
      }
    });
    return this.get();
  }
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
