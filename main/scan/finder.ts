/**
 * One pass over a buffer for both kinds of hit: the vault's exact values (ExactMatcher) and
 * strings shaped like a key of a known provider (the recognition rules). Works on a stream read
 * in pieces: each piece starts with the last `carry` bytes of the one before, and a hit is
 * reported by the piece it ends in, so a value split across two reads is found once.
 */
import type { KeyKind } from '../../contract/key-kinds.ts';
import { keyShapesInText, recognizeKey } from '../keys/recognize.ts';
import type { ExactMatcher } from './matcher.ts';

export type Hit =
  | { kind: 'exact'; needle: number; start: number; length: number }
  | { kind: 'shape'; start: number; length: number; text: string; provider: string; keyKind: KeyKind };

/** The shortest key any rule recognises (an AWS key id) and the longest worth looking into. */
const MIN_SHAPE = 20;
const MAX_RUN = 8192;

/**
 * Bytes that can occur inside a key, a token or a webhook URL. A key lies inside a run of them,
 * so the search for shapes only runs the regular expression on runs of 20 or more, found by
 * looking at one byte in about every 15 of ordinary text (see `#runs`).
 */
const KEY_BYTES = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.:/+=') KEY_BYTES[c.charCodeAt(0)] = 1;

export class Finder {
  readonly carry: number;
  readonly #matcher: ExactMatcher;
  readonly #known: ReadonlySet<string>;
  readonly #shapes: boolean;

  /** `known`: the vault's values, so a vault key is not also reported as an unknown one. */
  constructor(matcher: ExactMatcher, known: ReadonlySet<string>, options: { shapes: boolean }) {
    this.#matcher = matcher;
    this.#known = known;
    this.#shapes = options.shapes;
    this.carry = Math.max(matcher.maxLength, options.shapes ? 1024 : 0);
  }

  /**
   * Hits in `buf[0, end)` that end at or after `fresh` (what is before it was searched with the
   * previous piece). Unless `final`, a key-shaped run that reaches `end` waits for the next piece.
   */
  find(buf: Buffer, end: number, fresh: number, final: boolean, onHit: (hit: Hit) => void): void {
    this.#matcher.scan(buf, end, (needle, start) => {
      const length = this.#matcher.lengthOf(needle);
      if (start + length > fresh) onHit({ kind: 'exact', needle, start, length });
    });
    if (!this.#shapes) return;
    this.#runs(buf, end, (runStart, runEnd) => {
      if (runEnd < fresh || (runEnd === end && !final) || runEnd - runStart > MAX_RUN) return;
      const text = buf.toString('latin1', runStart, runEnd);
      keyShapesInText.lastIndex = 0;
      for (let match = keyShapesInText.exec(text); match !== null; match = keyShapesInText.exec(text)) {
        const value = match[0];
        if (this.#known.has(value)) continue;
        const recognised = recognizeKey(value);
        if (recognised.provider === null || recognised.kind === null) continue;
        onHit({
          kind: 'shape',
          start: runStart + match.index,
          length: value.length,
          text: value,
          provider: recognised.provider,
          keyKind: recognised.kind,
        });
      }
    });
  }

  /**
   * Runs of KEY_BYTES at least MIN_SHAPE long. A window of MIN_SHAPE bytes is checked from its
   * end backwards; the first byte outside the set moves the window past it, so ordinary words
   * are stepped over without reading most of their bytes.
   */
  #runs(buf: Buffer, end: number, onRun: (start: number, end: number) => void): void {
    let i = 0;
    while (i + MIN_SHAPE <= end) {
      let j = i + MIN_SHAPE - 1;
      while (j >= i && KEY_BYTES[buf[j]!] === 1) j -= 1;
      if (j >= i) {
        i = j + 1;
        continue;
      }
      let k = i + MIN_SHAPE;
      while (k < end && KEY_BYTES[buf[k]!] === 1) k += 1;
      onRun(i, k);
      i = k + 1;
    }
  }
}
