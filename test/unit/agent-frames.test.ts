import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameError, FrameReader, MAX_REQUEST_BYTES } from '../../main/agent/frames.ts';

// The agent's wire format: length-prefixed JSON, read from a stream cut anywhere.

describe('frames', () => {
  it('reads back the same messages however the stream is cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1 }),
        (messages, cuts) => {
          const bytes = Buffer.concat(messages.map((message) => encodeFrame(message, MAX_REQUEST_BYTES)));
          const reader = new FrameReader(MAX_REQUEST_BYTES);
          const read: unknown[] = [];
          let at = 0;
          for (let i = 0; at < bytes.length; i++) {
            const size = cuts[i % cuts.length]!;
            read.push(...reader.push(bytes.subarray(at, at + size)));
            at += size;
          }
          expect(read).toEqual(messages.map((message) => JSON.parse(JSON.stringify(message))));
          expect(reader.pendingBytes).toBe(0);
        },
      ),
    );
  });

  it('refuses a length over the limit before the body arrives', () => {
    const header = Buffer.alloc(4);
    header.writeUInt32BE(1024 * 1024 + 1);
    expect(() => new FrameReader(1024 * 1024).push(header)).toThrow(FrameError);
  });

  it('will not write a message over the limit', () => {
    expect(() => encodeFrame({ text: 'x'.repeat(2000) }, 1000)).toThrow(FrameError);
  });

  it('refuses a body that is not JSON or not UTF-8', () => {
    const frame = (body: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, body.length]), body]);
    expect(() => new FrameReader(MAX_REQUEST_BYTES).push(frame(Buffer.from('{"kind":')))).toThrow(/not JSON/);
    expect(() => new FrameReader(MAX_REQUEST_BYTES).push(frame(Buffer.from([0xff, 0xfe, 0x22])))).toThrow(/not UTF-8/);
  });
});
