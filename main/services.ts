import { systemClock, type Clock } from './clock.ts';
import { EventBus } from './events.ts';
import { KeyService } from './keys/service.ts';
import type { KdfPolicy } from './vault/kdf.ts';
import { Vault } from './vault/vault.ts';

export interface ServiceOptions {
  dataDir: string;
  clock?: Clock;
  kdfPolicy?: KdfPolicy;
}

/** Every transport-neutral service, built once with its dependencies. No Electron here. */
export interface Services {
  clock: Clock;
  events: EventBus;
  vault: Vault;
  keys: KeyService;
}

export function createServices(options: ServiceOptions): Services {
  const clock = options.clock ?? systemClock;
  const events = new EventBus();
  const vault = new Vault({ dataDir: options.dataDir, clock, kdfPolicy: options.kdfPolicy ?? kdfPolicyFromEnv() });
  vault.onLock((reason) => events.emit('locked', { reason }));
  return { clock, events, vault, keys: new KeyService(vault, clock) };
}

/**
 * `KEYWARD_KDF=minimum` skips calibration and uses the Argon2 floor (64 MiB, t=3, p=4): for
 * tests and benchmarks that create many vaults. It never goes below the floor.
 */
function kdfPolicyFromEnv(): KdfPolicy {
  return process.env.KEYWARD_KDF === 'minimum' ? 'minimum' : 'calibrate';
}
