/** Ctrl on Windows and Linux, Cmd on macOS: the modifier of every Keyward shortcut. */
export const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

export function hasShortcutModifier(event: KeyboardEvent | React.KeyboardEvent): boolean {
  return isMac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
}

/** How a shortcut is written on this platform: "Ctrl+K" or "⌘K". */
export function shortcutLabel(key: string): string {
  return isMac ? `⌘${key}` : `Ctrl+${key}`;
}
