import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONCEALED, maskingStream, MIN_MASKED_LENGTH, SecretMasker } from '../../main/cli/masker.ts';
import { fakeKeys } from '../support/fake-keys.ts';

const SECRET = fakeKeys.stripeTest('mask');
const OTHER = fakeKeys.github('mask');

/** Feeds `text` to a masker cut at the given points and returns everything it let out. */
function masked(secrets: string[], chunks: Buffer[]): Buffer {
  const masker = new SecretMasker(secrets);
  return Buffer.concat([...chunks.map((chunk) => masker.push(chunk)), masker.end()]);
}

function cut(data: Buffer, points: number[]): Buffer[] {
  const sorted = [...new Set(points)].filter((p) => p > 0 && p < data.length).sort((a, b) => a - b);
  return [0, ...sorted].map((start, i) => data.subarray(start, sorted[i] ?? data.length));
}

describe('concealing keys in a command’s output', () => {
  it('replaces every occurrence, keeping everything around it byte for byte', () => {
    const text = `token=${SECRET}\n{"a":"${SECRET}","b":"${OTHER}"} done ${SECRET}`;
    expect(masked([SECRET, OTHER], [Buffer.from(text)]).toString()).toBe(
      `token=${CONCEALED}\n{"a":"${CONCEALED}","b":"${CONCEALED}"} done ${CONCEALED}`,
    );
  });

  it('catches a key split across two chunks at every possible point', () => {
    const data = Buffer.from(`before ${SECRET} after`);
    for (let point = 1; point < data.length; point += 1) {
      expect(masked([SECRET], cut(data, [point])).toString(), `cut at ${point}`).toBe(`before ${CONCEALED} after`);
    }
  });

  it('catches keys whatever the chunking, next to binary bytes and multi-byte characters', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.array(fc.nat(200), { maxLength: 8 }), (noise, points) => {
        const data = Buffer.concat([
          Buffer.from(noise),
          Buffer.from(SECRET),
          Buffer.from('→ é\u0000\xff'),
          Buffer.from(OTHER),
          Buffer.from(noise),
        ]);
        const out = masked([SECRET, OTHER], cut(data, points));
        const expected = Buffer.concat([
          Buffer.from(noise),
          Buffer.from(CONCEALED),
          Buffer.from('→ é\u0000\xff'),
          Buffer.from(CONCEALED),
          Buffer.from(noise),
        ]);
        expect(out.equals(expected)).toBe(true);
      }),
    );
  });

  it('passes output without keys through unchanged, and holds back only what could start a key', () => {
    const masker = new SecretMasker([SECRET]);
    expect(masker.push(Buffer.from('plain line\n')).toString()).toBe('plain line\n');
    // "sk_test_" could be the start of the key: kept until the next chunk says it is not.
    expect(masker.push(Buffer.from('prefix sk_test_')).toString()).toBe('prefix ');
    expect(masker.push(Buffer.from('nope\n')).toString()).toBe('sk_test_nope\n');
    expect(masker.push(Buffer.from('tail sk_te')).toString()).toBe('tail ');
    expect(masker.end().toString()).toBe('sk_te');
  });

  it(`leaves keys shorter than ${MIN_MASKED_LENGTH} characters alone (they would mangle ordinary output)`, () => {
    expect(masked(['1234567', SECRET], [Buffer.from(`port 1234567 and ${SECRET}`)]).toString()).toBe(
      `port 1234567 and ${CONCEALED}`,
    );
    expect(new SecretMasker(['short']).active).toBe(false);
  });

  it('conceals the longer of two keys where one contains the other', () => {
    const inner = SECRET.slice(0, 20);
    expect(masked([inner, SECRET], [Buffer.from(`${SECRET}|${inner}`)]).toString()).toBe(`${CONCEALED}|${CONCEALED}`);
  });

  it('works as a stream stage', async () => {
    const stage = maskingStream([SECRET]);
    const parts: Buffer[] = [];
    stage.on('data', (chunk: Buffer) => parts.push(chunk));
    const done = new Promise((resolve) => stage.on('end', resolve));
    stage.write(Buffer.from(`a ${SECRET.slice(0, 10)}`));
    stage.write(Buffer.from(`${SECRET.slice(10)} b`));
    stage.end();
    await done;
    expect(Buffer.concat(parts).toString()).toBe(`a ${CONCEALED} b`);
  });
});
