/**
 * The system clipboard as the clipboard service needs it. The desktop app plugs in Electron's
 * clipboard (main/platform/clipboard.ts); tests plug in a recording fake. Nothing here knows
 * which one it has.
 */
export interface ClipboardPort {
  /** Writes a secret as plain text, marked for exclusion from clipboard history and managers where the platform allows. */
  writeSecret(text: string): Promise<void>;
  readText(): Promise<string>;
  /** Empties the clipboard: no placeholder, so nothing new lands in a history. */
  clear(): Promise<void>;
}

/** Timers are injected so tests can run the clear-after-delay without waiting. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A pending clear must not keep a CLI or test process alive on its own.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** For doors without a clipboard (the CLI): copying is refused with a clear message. */
export const noClipboard: ClipboardPort = {
  writeSecret: () => Promise.reject(new Error('no clipboard')),
  readText: () => Promise.resolve(''),
  clear: () => Promise.resolve(),
};
