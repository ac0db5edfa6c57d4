/**
 * The system clipboard as the clipboard service needs it. The desktop app plugs in Electron's
 * clipboard (main/platform/clipboard.ts); tests plug in a recording fake. Nothing here knows
 * which one it has.
 */
export interface ClipboardPort {
  /** Writes a secret as plain text, marked for exclusion from clipboard history and managers where the platform allows. */
  writeSecret(text: string): Promise<void>;
  /** Writes text that is no secret (a `keyward://` reference): no exclusion markers, never cleared. */
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
  /** Empties the clipboard: no placeholder, so nothing new lands in a history. */
  clear(): Promise<void>;
}

/** Timers are injected so tests can run the clear-after-delay without waiting (declared once, in main/timers.ts). */
export { systemTimers, type Timers } from '../timers.ts';

/** For doors without a clipboard (the CLI): copying is refused with a clear message. */
export const noClipboard: ClipboardPort = {
  writeSecret: () => Promise.reject(new Error('no clipboard')),
  writeText: () => Promise.reject(new Error('no clipboard')),
  readText: () => Promise.resolve(''),
  clear: () => Promise.resolve(),
};
