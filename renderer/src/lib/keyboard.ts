/** Ctrl on Windows and Linux, Cmd on macOS: the modifier of every Keyward shortcut. */
export const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

export function hasShortcutModifier(event: KeyboardEvent | React.KeyboardEvent): boolean {
  return isMac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
}

/** How a shortcut is written on this platform: "Ctrl+K" or "⌘K". */
export function shortcutLabel(key: string): string {
  return isMac ? `⌘${key}` : `Ctrl+${key}`;
}

/**
 * True while an input method is composing (Korean, Japanese, Chinese): the Enter that confirms a
 * syllable must not also submit or act, or the syllable is sent half-made or lost. Chromium marks
 * such keys with isComposing, and with keyCode 229 on the keydown that ends a composition.
 */
export function isComposing(event: KeyboardEvent | React.KeyboardEvent): boolean {
  const native = 'nativeEvent' in event ? event.nativeEvent : event;
  return native.isComposing || native.keyCode === 229;
}
