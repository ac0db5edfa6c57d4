import { Transform, type TransformCallback } from 'node:stream';

export const CONCEALED = '<concealed by keyward>';

/**
 * Secrets shorter than this are not masked: a 4-character value would be replaced inside
 * ordinary words and numbers all over the output, and a short value is no secret worth it.
 */
export const MIN_MASKED_LENGTH = 8;

/**
 * Replaces every occurrence of the given secrets in a byte stream by `<concealed by keyward>`.
 * A secret split across two chunks is still caught: bytes that could be the start of a secret
 * are held back until the next chunk says whether they are (a sliding window as long as the
 * longest secret, not a timer), so output is never delayed except by such a partial match.
 * Works on bytes, so binary-ish output and multi-byte characters pass through unchanged.
 */
export class SecretMasker {
  readonly #secrets: Buffer[];
  readonly #firstBytes: Set<number>;
  readonly #replacement = Buffer.from(CONCEALED);
  #carry: Buffer = Buffer.alloc(0);

  constructor(secrets: Iterable<string>) {
    const unique = new Set([...secrets].filter((secret) => secret.length >= MIN_MASKED_LENGTH));
    // Longest first, so a secret that contains another is concealed whole.
    this.#secrets = [...unique].map((secret) => Buffer.from(secret)).sort((a, b) => b.length - a.length);
    this.#firstBytes = new Set(this.#secrets.map((secret) => secret[0]!));
  }

  get active(): boolean {
    return this.#secrets.length > 0;
  }

  /** What can be written now; a possible start of a secret at the end is kept for the next chunk. */
  push(chunk: Buffer): Buffer {
    return this.#scan(this.#carry.length > 0 ? Buffer.concat([this.#carry, chunk]) : chunk, false);
  }

  /** Everything left, at the end of the stream. */
  end(): Buffer {
    return this.#scan(this.#carry, true);
  }

  #scan(data: Buffer, final: boolean): Buffer {
    const out: Buffer[] = [];
    let plainFrom = 0;
    this.#carry = Buffer.alloc(0);
    for (let i = 0; i < data.length; i += 1) {
      if (!this.#firstBytes.has(data[i]!)) continue;
      const rest = data.subarray(i);
      const whole = this.#secrets.find(
        (secret) => rest.length >= secret.length && rest.subarray(0, secret.length).equals(secret),
      );
      if (whole) {
        out.push(data.subarray(plainFrom, i), this.#replacement);
        i += whole.length - 1;
        plainFrom = i + 1;
        continue;
      }
      if (!final && this.#secrets.some((secret) => rest.length < secret.length && secret.subarray(0, rest.length).equals(rest))) {
        out.push(data.subarray(plainFrom, i));
        this.#carry = Buffer.from(rest);
        return Buffer.concat(out);
      }
    }
    out.push(data.subarray(plainFrom));
    return Buffer.concat(out);
  }
}

/** The masker as a stream stage: `child.stdout.pipe(maskingStream(secrets)).pipe(process.stdout)`. */
export function maskingStream(secrets: Iterable<string>): Transform {
  const masker = new SecretMasker(secrets);
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      const ready = masker.push(chunk);
      callback(null, ready.length > 0 ? ready : undefined);
    },
    flush(callback: TransformCallback) {
      const rest = masker.end();
      callback(null, rest.length > 0 ? rest : undefined);
    },
  });
}
