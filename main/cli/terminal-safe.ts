/**
 * Text from the vault (labels, notes, import file names, model names) is the user's or a file's,
 * not ours: printed raw, an escape sequence in it would drive the terminal (OSC 52 sets the
 * clipboard, others retitle the window, rewrite the screen or hide text), and a bidi override
 * would show text in another order than it is stored. Human output shows such characters as
 * visible escapes instead (`\x1b`, `\u202e`); JSON output and `reveal` stay exact.
 *
 * Escaped: C0 controls except the line feed (output is printed line by line), DEL, C1 controls
 * (0x80–0x9F; some terminals take U+009B as CSI), and the bidirectional formatting characters
 * (embeddings, overrides, isolates, marks).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (char) => {
    const code = char.codePointAt(0)!;
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
