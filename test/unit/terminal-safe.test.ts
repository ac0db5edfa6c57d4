import { describe, expect, it } from 'vitest';
import { terminalSafe } from '../../main/cli/terminal-safe.ts';

describe('terminalSafe (issue 18, item 6)', () => {
  it('shows C0, DEL, C1 and bidi controls as visible escapes and keeps line feeds', () => {
    expect(terminalSafe('a\u001b]52;c;Zm9v\u0007b')).toBe('a\\x1b]52;c;Zm9v\\x07b');
    expect(terminalSafe('tab\there\r\u007f\u009b')).toBe('tab\\x09here\\x0d\\x7f\\x9b');
    expect(terminalSafe('\u202eevil\u2066x\u2069\u200f')).toBe('\\u202eevil\\u2066x\\u2069\\u200f');
    expect(terminalSafe('line 1\nline 2')).toBe('line 1\nline 2');
  });

  it('leaves ordinary text alone, non-Latin scripts and emoji included', () => {
    const text = 'Clé « prod » — 東京 ключ 🔑 $12.50';
    expect(terminalSafe(text)).toBe(text);
  });
});
