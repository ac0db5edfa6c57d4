import { describe, it, expect } from 'vitest';
import { maskSecret } from '../../main/keys/mask.ts';
import { knownPrefix } from '../../main/keys/recognize.ts';

import { fill } from '../support/fake-keys.ts';

// Visibly fake fixtures in the real formats (see recognize.test.ts for the full table).
const openaiProject = 'sk-proj-' + fill('FAKE_example-0', 74) + 'T3BlbkFJ' + fill('FAKE_example-0', 70) + 'wxyz';
const anthropic = 'sk-ant-api03-' + fill('FAKE_example-0', 91) + 'xyAA';
const github = 'ghp_' + fill('FAKE0EXAMPLE0', 32) + 'TEST';
const stripeLive = 'sk_live_' + fill('FAKE0EXAMPLE0', 24) + '0000';
const awsKeyId = 'AKIAFAKEEXAMPLEFAKEE';
const slackWebhook = 'https://hooks.slack.com/services/T00000000/B00000000/' + fill('FAKE0example0', 20) + 'HOOK';
const slackBot = 'xoxb-0000000000-0000000000-' + fill('FAKE0EXAMPLE0', 20) + 'test';
const telegram = '123456789:A' + fill('FAKE_example-0', 30) + 'BOT0';

describe('maskSecret', () => {
  it.each([
    { value: openaiProject, masked: 'sk-proj-…wxyz' },
    { value: anthropic, masked: 'sk-ant-api03-…xyAA' },
    { value: github, masked: 'ghp_…TEST' },
    { value: stripeLive, masked: 'sk_live_…0000' },
    { value: awsKeyId, masked: 'AKIA…AKEE' },
    { value: slackWebhook, masked: 'https://hooks.slack.com/services/…HOOK' },
    { value: slackBot, masked: 'xoxb-…test' },
  ])('shows the known prefix and the last four characters: $masked', ({ value, masked }) => {
    expect(maskSecret(value)).toBe(masked);
  });

  it('shows only the last four characters of a key without a literal prefix', () => {
    expect(maskSecret(telegram)).toBe('…BOT0');
  });

  it('shows only the last four characters of an unrecognised value', () => {
    expect(maskSecret('FAKE0unrecognised0value0abcd')).toBe('…abcd');
  });

  it('shows no tail for values shorter than 20 characters', () => {
    expect(maskSecret('hunter2')).toBe('…');
    expect(maskSecret('a'.repeat(19))).toBe('…');
    expect(maskSecret('a'.repeat(20))).toBe('…aaaa');
    expect(maskSecret('')).toBe('…');
  });

  it('uses the single ellipsis character U+2026', () => {
    const masked = maskSecret(openaiProject);
    expect(masked).toContain('\u2026');
    expect(masked).not.toContain('...');
  });

  it('never splits a surrogate pair in the tail', () => {
    expect(maskSecret('FAKE-passphrase-with-emoji-🔑🔑')).toBe('…i-🔑🔑');
  });

  it('never shows more than four characters of the secret beyond the known prefix', () => {
    const values = [
      openaiProject,
      anthropic,
      github,
      stripeLive,
      awsKeyId,
      slackWebhook,
      slackBot,
      telegram,
      'FAKE0unrecognised0value0abcd',
      'sk-' + fill('0000fake', 32),
      'hunter2',
    ];
    for (const value of values) {
      const prefix = knownPrefix(value);
      const masked = maskSecret(value);
      expect(value.startsWith(prefix)).toBe(true);
      expect(masked.startsWith(prefix + '…')).toBe(true);
      const tail = masked.slice(prefix.length + 1);
      expect(tail.length).toBeLessThanOrEqual(4);
      expect(value.endsWith(tail)).toBe(true);
    }
  });
});
