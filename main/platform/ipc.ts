import type { BrowserWindow, IpcMain } from 'electron';
import type { Result } from '../../contract/errors.ts';
import { channels, EVENT_CHANNEL_PREFIX, isOpenTo } from '../../contract/index.ts';
import type { EventBus } from '../events.ts';
import { cliOnlyRefusal, type Call } from '../router.ts';
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
      return windowRefusal(channel) ?? call(channel, input, { source: 'app' });
    });
  }
}

/**
 * A method closed to the window (it hands out plaintext in bulk, see `Door`) is refused here
 * whatever the page sends, even though the preload never offers it. Shared with the browser
 * test harness, which stands in for this door.
 */
export function windowRefusal(channel: string): Result<never> | null {
  if (isOpenTo(channel, 'ipc') || !(channels as string[]).includes(channel)) return null;
  return { ok: false, error: cliOnlyRefusal(channel) };
}

/** Forwards service events to the window, on `event:<name>` channels. */
export function forwardEvents(events: EventBus, window: () => BrowserWindow | null): () => void {
  return events.subscribe((name, payload) => {
    const target = window();
    if (target && !target.isDestroyed()) target.webContents.send(`${EVENT_CHANNEL_PREFIX}${name}`, payload);
  });
}
