import { parse } from 'dotenv';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rewriteEnvValues } from '../../main/cli/env-files.ts';

const FIXTURE = readFileSync(fileURLToPath(new URL('../fixtures/env/quirks.env', import.meta.url)), 'utf8');
const MOVED = new Map([
  ['OPENAI_API_KEY', 'keyward://openai/OPENAI_API_KEY'],
  ['ANTHROPIC_API_KEY', 'keyward://anthropic/ANTHROPIC_API_KEY'],
  ['GITHUB_TOKEN', 'keyward://github/GITHUB_TOKEN'],
  ['STRIPE_SECRET_KEY', 'keyward://stripe/STRIPE_SECRET_KEY'],
  ['GROQ_API_KEY', 'keyward://groq/GROQ_API_KEY'],
]);

describe('rewriting a .env file to references', () => {
  it('replaces only the moved values; every other byte stays (comments, quotes, export, Windows paths, multi-line values)', () => {
    const out = rewriteEnvValues(FIXTURE, MOVED);
    const before = FIXTURE.split('\n');
    const after = out.split('\n');
    expect(after).toHaveLength(before.length);
    const changed = before.flatMap((line, i) => (line === after[i] ? [] : [[line.split(/[=:]/)[0]!.trim(), after[i]]]));
    expect(changed).toEqual([
      ['export OPENAI_API_KEY', 'export OPENAI_API_KEY=keyward://openai/OPENAI_API_KEY'],
      ['ANTHROPIC_API_KEY', 'ANTHROPIC_API_KEY=keyward://anthropic/ANTHROPIC_API_KEY   # double-quoted, comment after'],
      ['GITHUB_TOKEN', 'GITHUB_TOKEN=keyward://github/GITHUB_TOKEN'],
      ['STRIPE_SECRET_KEY', 'STRIPE_SECRET_KEY: keyward://stripe/STRIPE_SECRET_KEY'],
      ['GROQ_API_KEY', '  GROQ_API_KEY = keyward://groq/GROQ_API_KEY # spaces around = and a comment'],
    ]);
    // The commented-out key is not an assignment: it stays as it was (and is the user's to delete).
    expect(out).toContain('# DISABLED_KEY=ghp_');
    expect(parse(out)).toEqual({ ...parse(FIXTURE), ...Object.fromEntries(MOVED) });
  });

  it('keeps Windows line endings', () => {
    const crlf = FIXTURE.replaceAll('\n', '\r\n');
    const out = rewriteEnvValues(crlf, MOVED);
    expect(out.split('\r\n')).toHaveLength(crlf.split('\r\n').length);
    expect(out).toContain('GITHUB_TOKEN=keyward://github/GITHUB_TOKEN\r\n');
    expect(out).toContain('WINDOWS_PATH=C:\\Users\\dev\\new folder\\tmp\r\n');
  });

  it('reads past a byte-order mark, as dotenv does, and keeps it', () => {
    const text = `\uFEFFGITHUB_TOKEN=ghp_x\nPORT=1\n`;
    expect(rewriteEnvValues(text, new Map([['GITHUB_TOKEN', 'keyward://github/GITHUB_TOKEN']]))).toBe(
      '\uFEFFGITHUB_TOKEN=keyward://github/GITHUB_TOKEN\nPORT=1\n',
    );
  });

  it('leaves an earlier assignment of the same name alone when it holds another value', () => {
    const text = 'KEY=old-value-not-moved\nOTHER=1\nKEY=the-moved-value\n';
    expect(rewriteEnvValues(text, new Map([['KEY', 'keyward://x/KEY']]))).toBe(
      'KEY=old-value-not-moved\nOTHER=1\nKEY=keyward://x/KEY\n',
    );
  });

  it('refuses, changing nothing, when it cannot find the value dotenv reads', () => {
    expect(() => rewriteEnvValues('A=1\n', new Map([['MISSING', 'keyward://x/MISSING']]))).toThrow(/left unchanged/);
  });
});
