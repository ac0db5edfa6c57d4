import { agentContract, agentEvents } from './agent.ts';
import { auditContract } from './audit.ts';
import { backupsContract } from './backups.ts';
import { budgetsContract, costEvents, costsContract, pricesContract, usageContract } from './costs.ts';
import type { AnyMethod, ApiOf, BridgeOf, ChannelOf, Door, EventsSpec, HandlersOf, PayloadOf } from './define.ts';
import { splitChannel } from './channels.ts';
import { clipboardContract, clipboardEvents } from './clipboard.ts';
import { healthContract } from './health.ts';
import { keysContract } from './keys.ts';
import { referencesContract } from './references-contract.ts';
import { reminderEvents, remindersContract } from './reminders.ts';
import { scanContract, scanEvents } from './scan.ts';
import { keyLifecycleEvents, rotationContract } from './rotation.ts';
import { settingsContract, settingsEvents } from './settings.ts';
import { trashContract } from './trash.ts';
import { usageSyncContract } from './usage-sync.ts';
import { vaultContract, vaultEvents } from './vault.ts';

/**
 * The one place every method and event is declared. Main registers handlers for it, the
 * preload exposes it, the renderer, the CLI and the test harness call it. A channel is
 * named `slice.method`, derived here and nowhere else. Adding a method is one line in a slice.
 */
export const contract = {
  vault: vaultContract,
  keys: { ...keysContract, ...rotationContract, ...referencesContract },
  trash: trashContract,
  audit: auditContract,
  backups: backupsContract,
  clipboard: clipboardContract,
  settings: settingsContract,
  usage: usageContract,
  usageSync: usageSyncContract,
  costs: costsContract,
  prices: pricesContract,
  budgets: budgetsContract,
  reminders: remindersContract,
  agent: agentContract,
  scan: scanContract,
  health: healthContract,
};

export const events = {
  ...vaultEvents,
  ...clipboardEvents,
  ...settingsEvents,
  ...costEvents,
  ...reminderEvents,
  ...keyLifecycleEvents,
  ...agentEvents,
  ...scanEvents,
} satisfies EventsSpec;

export type Contract = typeof contract;
export type Events = typeof events;
export type Api = ApiOf<Contract>;
export type Bridge = BridgeOf<Contract, Events> & {
  /**
   * The app (Electron) only: the path of a file the user picked or dropped, which `usage.preview`
   * then accepts as `{ path }`; null for a file that has none. Absent in a browser, which hands
   * over the file's bytes instead.
   */
  pathForFile?: (file: File) => string | null;
};
export type Channel = ChannelOf<Contract>;
export type EventName = keyof Events & string;
export type EventPayload<N extends EventName> = PayloadOf<Events[N]>;
export type Handlers<Ctx> = HandlersOf<Contract, Ctx>;

/** Every channel, in declaration order: what the preload exposes and main registers. */
export const channels: Channel[] = Object.entries(contract).flatMap(([slice, methods]) =>
  Object.keys(methods).map((name) => `${slice}.${name}` as Channel),
);

export const eventNames = Object.keys(events) as EventName[];

/** Whether a method may be called through `door` (see `Door`): unknown channels are open to none. */
export function isOpenTo(channel: string, door: Door): boolean {
  if (!isChannel(channel)) return false;
  const [slice, name] = splitChannel(channel);
  return (contract[slice] as Record<string, AnyMethod>)[name]!.doors.includes(door);
}

/** The channels the app's window may call: what the preload exposes and main/platform/ipc.ts answers. */
export const windowChannels: Channel[] = channels.filter((channel) => isOpenTo(channel, 'ipc'));

export { EVENT_CHANNEL_PREFIX, splitChannel } from './channels.ts';

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (channels as string[]).includes(value);
}
