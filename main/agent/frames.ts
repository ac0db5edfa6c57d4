/**
 * The agent's wire format: each message is a 4-byte big-endian length, then that many bytes of
 * UTF-8 JSON. Lengths make a message's end unambiguous whatever a secret contains, and let a
 * reader refuse an oversized message before buffering it. No dependency beyond Node: the CLI
 * loads this on every run.
 */
/** A request: a call's input (an import sends a path, not the file). */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;
/** An answer: a CSV export of a large vault is the largest. */
export const MAX_ANSWER_BYTES = 512 * 1024 * 1024;
const HEADER_BYTES = 4;

export class FrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrameError';
  }
}

export function encodeFrame(message: unknown, maxBytes: number): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  if (body.length > maxBytes) throw new FrameError('The message is larger than the agent accepts.');
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32BE(body.length, 0);
  return Buffer.concat([header, body]);
}

/**
 * Reassembles messages from a byte stream cut anywhere. `push` returns the complete messages so
 * far, parsed; it throws FrameError on a length over the limit or a body that is not JSON, and
 * the connection is then dropped (it cannot be resynchronised).
 */
export class FrameReader {
  readonly #maxBytes: number;
  #buffered: Buffer[] = [];
  #bufferedBytes = 0;
  /** Bytes the message being read needs in all, once its header is in: no copying until then. */
  #needed = HEADER_BYTES;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  get pendingBytes(): number {
    return this.#bufferedBytes;
  }

  push(chunk: Buffer): unknown[] {
    this.#buffered.push(chunk);
    this.#bufferedBytes += chunk.length;
    if (this.#bufferedBytes < this.#needed) return [];
    const messages: unknown[] = [];
    let data = Buffer.concat(this.#buffered);
    while (data.length >= HEADER_BYTES) {
      const length = data.readUInt32BE(0);
      if (length > this.#maxBytes) throw new FrameError('A message is larger than the agent accepts.');
      if (data.length < HEADER_BYTES + length) {
        this.#needed = HEADER_BYTES + length;
        break;
      }
      const body = data.subarray(HEADER_BYTES, HEADER_BYTES + length);
      data = data.subarray(HEADER_BYTES + length);
      messages.push(parseBody(body));
    }
    this.#buffered = data.length > 0 ? [data] : [];
    this.#bufferedBytes = data.length;
    if (data.length < HEADER_BYTES) this.#needed = HEADER_BYTES;
    return messages;
  }
}

function parseBody(body: Buffer): unknown {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    throw new FrameError('A message is not UTF-8.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new FrameError('A message is not JSON.');
  }
}
