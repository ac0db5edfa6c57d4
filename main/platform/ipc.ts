import type { BrowserWindow, IpcMain } from 'electron';
import { channels, EVENT_CHANNEL_PREFIX } from '../../contract/index.ts';
import type { EventBus } from '../events.ts';
import type { Call } from '../router.ts';
import { isTrustedSender } from '../security.ts';

/**
 * The app's door into the router: one `ipcMain.handle` per contract channel. A call is answered
 * only when it comes from our page's main frame; the router validates the input.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, call: Call): void {
  for (const channel of channels) {
    ipcMain.handle(channel, (event, input: unknown) => {
      const frame = event.senderFrame;
      if (!isTrustedSender(frame && { url: frame.url, isMainFrame: frame.parent === null })) {
        return { ok: false, error: { code: 'Forbidden', message: 'This page may not call Keyward.' } };
      }
      return call(channel, input, { source: 'app' });
    });
  }
}

/** Forwards service events to the window, on `event:<name>` channels. */
export function forwardEvents(events: EventBus, window: () => BrowserWindow | null): () => void {
  return events.subscribe((name, payload) => {
    const target = window();
    if (target && !target.isDestroyed()) target.webContents.send(`${EVENT_CHANNEL_PREFIX}${name}`, payload);
  });
}
