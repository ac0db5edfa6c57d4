import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { EVENT_CHANNEL_PREFIX, splitChannel } from '../contract/channels.ts';
import type { Bridge, Channel, EventName } from '../contract/index.ts';
import { PickedPaths } from './picked-paths.ts';

/** Filled in at build time from the contract (scripts/build.ts), so the zod schemas stay in main. */
declare const KEYWARD_CHANNELS: Channel[];
declare const KEYWARD_EVENTS: EventName[];

/**
 * Exposes exactly the contract as `window.keyward`: one function per channel that returns the
 * Result envelope, `on(event, listener)` returning an unsubscribe function, and `pathForFile`.
 * Nothing else of Electron or Node reaches the page.
 */
const bridge: Record<string, unknown> = {};

const picked = new PickedPaths();
bridge.pathForFile = (file: File): string | null => picked.grant(webUtils.getPathForFile(file));

for (const channel of KEYWARD_CHANNELS) {
  const [slice, name] = splitChannel(channel);
  const methods = (bridge[slice] ??= {}) as Record<string, (input?: unknown) => Promise<unknown>>;
  methods[name] = (input?: unknown) =>
    channel === 'usage.preview' && !picked.allows(input)
      ? Promise.resolve({
          ok: false,
          error: { code: 'Forbidden', message: 'Only a file picked in the Import dialog can be imported.' },
        })
      : ipcRenderer.invoke(channel, input);
}
bridge.on = (name: string, listener: (payload: unknown) => void) => {
  if (!(KEYWARD_EVENTS as string[]).includes(name)) throw new Error(`Unknown event ${name}`);
  const forward = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(`${EVENT_CHANNEL_PREFIX}${name}`, forward);
  return () => {
    ipcRenderer.removeListener(`${EVENT_CHANNEL_PREFIX}${name}`, forward);
  };
};

contextBridge.exposeInMainWorld('keyward', bridge as Bridge);
