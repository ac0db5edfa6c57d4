import { ClipboardGuard } from './clipboard/guard.ts';
import { noClipboard, systemTimers, type ClipboardPort, type Timers } from './clipboard/port.ts';
import { ClipboardService } from './clipboard/service.ts';
import { systemClock, type Clock } from './clock.ts';
import type { CostNotifier } from './costs/budgets.ts';
import { inlineRunner, workerRunner } from './costs/import-runner.ts';
import { CostService } from './costs/service.ts';
import { EventBus } from './events.ts';
import { KeyService } from './keys/service.ts';
import { SettingsService } from './settings/service.ts';
import type { KdfPolicy } from './vault/kdf.ts';
import { Vault } from './vault/vault.ts';

export interface ServiceOptions {
  dataDir: string;
  clock?: Clock;
  kdfPolicy?: KdfPolicy;
  /** Run imports in a worker thread from this script (the app); without it they run inline (CLI, tests). */
  importWorker?: string | URL;
  /** Check the whole vault file after unlock in a worker thread from this script (the app); see VaultOptions. */
  verifyWorker?: string | URL;
  /** Where budget and spike alerts go besides the `costAlert` event (OS notifications, a test fake). */
  costNotifier?: CostNotifier;
  /** The system clipboard (Electron's in the app, a recording fake in tests); the CLI has none. */
  clipboard?: ClipboardPort;
  timers?: Timers;
}

/** Every transport-neutral service, built once with its dependencies. No Electron here. */
export interface Services {
  clock: Clock;
  events: EventBus;
  vault: Vault;
  keys: KeyService;
  costs: CostService;
  settings: SettingsService;
  clipboard: ClipboardService;
}

export function createServices(options: ServiceOptions): Services {
  const clock = options.clock ?? systemClock;
  const events = new EventBus();
  const vault = new Vault({ dataDir: options.dataDir, clock, kdfPolicy: options.kdfPolicy ?? kdfPolicyFromEnv(), verifyWorker: options.verifyWorker });
  const keys = new KeyService(vault, clock);
  const settings = new SettingsService(vault, events);
  const guard = new ClipboardGuard(options.clipboard ?? noClipboard, options.timers ?? systemTimers, (result) =>
    events.emit('clipboardCleared', result),
  );
  const clipboard = new ClipboardService({ guard, keys, settings, events, clock });
  vault.onLock((reason) => {
    // A copied key does not outlive the session it was copied in.
    void clipboard.clear(reason === 'quit' ? 'quit' : 'lock');
    events.emit('locked', { reason });
  });
  const runner = options.importWorker ? workerRunner(vault, options.importWorker) : inlineRunner(vault);
  const costs = new CostService({ vault, clock, events, runner, notifier: options.costNotifier });
  return { clock, events, vault, keys, settings, clipboard, costs };
}

/**
 * `KEYWARD_KDF=minimum` skips calibration and uses the Argon2 floor (64 MiB, t=3, p=4): for
 * tests and benchmarks that create many vaults. It never goes below the floor.
 */
function kdfPolicyFromEnv(): KdfPolicy {
  return process.env.KEYWARD_KDF === 'minimum' ? 'minimum' : 'calibrate';
}
