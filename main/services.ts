import { KeywardError } from '../contract/errors.ts';
import { Activity } from './activity.ts';
import { AppApprovals } from './agent/app-approvals.ts';
import { ClipboardGuard } from './clipboard/guard.ts';
import { noClipboard, type ClipboardPort } from './clipboard/port.ts';
import { ClipboardService } from './clipboard/service.ts';
import { systemClock, type Clock } from './clock.ts';
import { notifyCostAlerts, type CostNotifier } from './costs/alerts.ts';
import { inlineRunner, workerRunner } from './costs/import-runner.ts';
import { createCostServices, type CostServices } from './costs/services.ts';
import { EventBus } from './events.ts';
import { EnvImporter } from './keys/env-import.ts';
import { ReferenceResolver } from './keys/references.ts';
import { HealthService } from './health/service.ts';
import type { Transport } from './health/transport.ts';
import { KeyService } from './keys/service.ts';
import { TrashService } from './keys/trash.ts';
import { noNotifications, type NotificationPort } from './notifications.ts';
import { ReminderScheduler } from './reminders/scheduler.ts';
import { ReminderService } from './reminders/service.ts';
import type { OpenExternal } from './rotation/console.ts';
import { RotationService } from './rotation/service.ts';
import { ScanService } from './scan/service.ts';
import { SettingsService } from './settings/service.ts';
import { keepAliveTimers, systemTimers, type Timers } from './timers.ts';
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
  /** Where budget and spike alerts go besides the `costAlert` event; by default `notifications`. */
  costNotifier?: CostNotifier;
  /** The system clipboard (Electron's in the app, a recording fake in tests); the CLI has none. */
  clipboard?: ClipboardPort;
  timers?: Timers;
  /** Decides platform-dependent defaults (close to tray); the running OS unless a test says otherwise. */
  platform?: string;
  /**
   * OS notifications. Given one (the app, a test), reminders are checked at every unlock and
   * hourly while unlocked; without one (the CLI) nothing runs in the background.
   */
  notifications?: NotificationPort;
  /** Opens a provider console in the browser (Electron's shell.openExternal); the CLI has none. */
  openExternal?: OpenExternal;
  /** The leak scan's worker script (main/scan/worker.ts, or its build); without one there is no scan. */
  scanWorker?: string | URL;
  /** Where the leak scan looks for shell histories and agent logs; the user's home by default. */
  homeDir?: string;
  /** Worker threads per leak scan; one per core (at most four) by default. */
  scanThreads?: number;
  /**
   * How live key checks reach providers (Electron's net in the app, undici with HTTPS_PROXY in the
   * CLI, a local mock in tests). Without one, `health.check` refuses: nothing is ever sent.
   */
  checkTransport?: Transport;
  /** Where unexpected background failures are reported, without their message. */
  logFailure?: (what: string, error: unknown) => void;
}

/** Every transport-neutral service, built once with its dependencies. No Electron here. */
export interface Services {
  clock: Clock;
  events: EventBus;
  vault: Vault;
  keys: KeyService;
  trash: TrashService;
  costs: CostServices;
  settings: SettingsService;
  clipboard: ClipboardService;
  reminders: ReminderService;
  rotation: RotationService;
  scan: ScanService;
  references: ReferenceResolver;
  envImport: EnvImporter;
  health: HealthService;
  /** Present where reminders run in the background (see ServiceOptions.notifications). */
  reminderSchedule: ReminderScheduler | null;
  /** The "check weekly" schedule: where reminders run and checks can be sent; it acts only while the setting is on. */
  checkSchedule: ReminderScheduler | null;
  /** Questions from CLI processes to the user, while the app hosts the agent (main/agent). */
  approvals: AppApprovals;
  /** The calls in flight through the window's and the agent's doors: wrap their router in `activity.tracking`. */
  activity: Activity;
  /** The daily usage sync: where checks can be sent; it acts only while the setting is on. */
  usageSyncSchedule: ReminderScheduler | null;
}

/**
 * Work an unlock starts that the window's first screen does not need (the whole-file integrity
 * check, the first reminder check) waits until no call has ended for this long, and at most
 * this long in all: the unlock's answer and the first screen's requests go first.
 */
const FIRST_SCREEN_QUIET_MS = 250;
const FIRST_SCREEN_AT_MOST_MS = 10_000;

export function createServices(options: ServiceOptions): Services {
  const clock = options.clock ?? systemClock;
  const timers = options.timers ?? systemTimers;
  const events = new EventBus();
  const activity = new Activity(options.timers ?? keepAliveTimers);
  const firstScreen = (signal: AbortSignal) => ({ quietMs: FIRST_SCREEN_QUIET_MS, atMostMs: FIRST_SCREEN_AT_MOST_MS, signal });
  const vault = new Vault({
    dataDir: options.dataDir,
    clock,
    kdfPolicy: options.kdfPolicy ?? kdfPolicyFromEnv(),
    verifyWorker: options.verifyWorker,
    verifyWhen: (signal) => activity.whenQuiet(firstScreen(signal)),
  });
  const keys = new KeyService(vault, clock, events);
  const trash = new TrashService(vault, clock, events);
  const settings = new SettingsService(vault, events, options.platform ?? process.platform);
  const guard = new ClipboardGuard(options.clipboard ?? noClipboard, timers, (result) => events.emit('clipboardCleared', result));
  const clipboard = new ClipboardService({ guard, keys, settings, events, clock });
  const approvals = new AppApprovals(events, timers);
  vault.onUnlock((source) => {
    // Keys 30 days in the trash go at unlock. A failure (a busy vault) must not fail the unlock:
    // the next unlock or trash listing purges them.
    try {
      trash.purgeExpired(source);
    } catch {
      /* retried later, see above */
    }
    events.emit('unlocked', {});
  });
  vault.onLock((reason) => {
    // A copied key does not outlive the session it was copied in; an open question dies with it.
    void clipboard.clear(reason === 'quit' ? 'quit' : 'lock');
    approvals.denyAll();
    events.emit('locked', { reason });
  });
  const runner = options.importWorker ? workerRunner(vault, options.importWorker) : inlineRunner(vault);
  // Budget and spike alerts go where reminders go, unless a test records them itself.
  const costNotifier = options.costNotifier ?? (options.notifications ? notifyCostAlerts(options.notifications) : undefined);
  const costs = createCostServices({ vault, clock, events, runner, notifier: costNotifier, transport: options.checkTransport });
  const reminders = new ReminderService({
    vault,
    clock,
    events,
    settings: () => settings.get(),
    notifications: options.notifications ?? noNotifications,
  });
  const rotation = new RotationService({ vault, clock, events, openExternal: options.openExternal });
  const scan = new ScanService({
    vault,
    keys,
    clock,
    events,
    worker: options.scanWorker ?? null,
    home: options.homeDir,
    threads: options.scanThreads,
  });
  const health = new HealthService({
    vault,
    clock,
    rotationPolicy: () => settings.get().rotationPolicy,
    transport: options.checkTransport,
    events,
  });
  const logFailure = options.logFailure ?? (() => {});
  const reminderSchedule = options.notifications
    ? new ReminderScheduler({ check: () => reminders.check(), timers, onError: (error) => logFailure('reminder check', error) })
    : null;
  // Hourly, it looks for keys last checked a week ago; the setting decides whether it sends anything.
  const checkSchedule =
    options.notifications && options.checkTransport
      ? new ReminderScheduler({
          check: () =>
            health.checkDue(settings.get().checkWeekly, 'app').catch((error: unknown) => {
              if (!(error instanceof KeywardError && error.code === 'Locked')) logFailure('weekly key check', error);
            }),
          timers,
          onError: (error) => logFailure('weekly key check', error),
        })
      : null;
  // Hourly, it looks for connected providers last synced a day ago; the setting decides whether it sends anything.
  const usageSyncSchedule =
    options.notifications && options.checkTransport
      ? new ReminderScheduler({
          check: () =>
            costs.sync.syncDue(settings.get().usageSyncDaily, 'app').catch((error: unknown) => {
              if (!(error instanceof KeywardError && error.code === 'Locked')) logFailure('daily usage sync', error);
            }),
          timers,
          onError: (error) => logFailure('daily usage sync', error),
        })
      : null;
  // The schedules' first run reads every key: it waits for the window's first screen (see above).
  let sessionStart: AbortController | null = null;
  events.subscribe((name) => {
    if (name === 'unlocked') {
      sessionStart?.abort();
      const started = new AbortController();
      sessionStart = started;
      activity.afterQuiet(firstScreen(started.signal), (ready) => {
        if (!ready || !vault.isUnlocked()) return;
        reminderSchedule?.start();
        checkSchedule?.start();
        usageSyncSchedule?.start();
      });
    }
    if (name === 'locked') {
      sessionStart?.abort();
      sessionStart = null;
      usageSyncSchedule?.stop();
      checkSchedule?.stop();
      reminderSchedule?.stop();
      reminders.forget();
    }
    // Turning "check weekly" on checks what is due at once rather than within the hour.
    if (name === 'settingsChanged' && vault.isUnlocked()) {
      checkSchedule?.runNow();
      usageSyncSchedule?.runNow();
    }
    // Lead times and rotation policies are settings: a change can move items in or out of the list.
    if ((name === 'keysChanged' || name === 'settingsChanged') && vault.isUnlocked()) {
      try {
        reminders.refresh();
      } catch (error) {
        logFailure('needs-attention refresh', error);
      }
    }
  });
  const references = new ReferenceResolver(vault, clock);
  const envImport = new EnvImporter(vault, keys, events);
  return {
    clock,
    events,
    vault,
    keys,
    trash,
    costs,
    settings,
    clipboard,
    reminders,
    rotation,
    scan,
    health,
    references,
    envImport,
    reminderSchedule,
    checkSchedule,
    approvals,
    activity,
    usageSyncSchedule,
  };
}

/**
 * `KEYWARD_KDF=minimum` skips calibration and uses the Argon2 floor (64 MiB, t=3, p=4): for
 * tests and benchmarks that create many vaults. It never goes below the floor.
 */
function kdfPolicyFromEnv(): KdfPolicy {
  return process.env.KEYWARD_KDF === 'minimum' ? 'minimum' : 'calibrate';
}
