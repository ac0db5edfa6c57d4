/**
 * Finds many byte strings at once in a buffer, at a speed that does not depend on how many
 * there are: a hash of fixed-length prefixes with Wu–Manber skipping.
 *
 * Every needle is represented by its first `m` bytes (m = the shortest needle, at most 32). A
 * table indexed by a hash of 3 bytes says how far the window of m bytes may move before those 3
 * bytes could be the end of some needle's prefix; in text unrelated to the needles that is
 * nearly always m − 2, so the loop looks at about one byte in m − 2. Where the table says 0, the
 * needles whose prefix ends in those 3 bytes are compared in full. Hence the cost grows with the
 * text, not with the number of needles (until the table fills up: it is sized to the needles).
 *
 * Why not an npm Aho–Corasick package: the maintained ones (@monyone/aho-corasick, ahocorasick)
 * walk JavaScript strings one UTF-16 unit at a time through per-node maps, which means decoding
 * every file to a string and costs a map lookup per character; this loop reads bytes and skips
 * most of them, which is what lets it keep up with ripgrep (see docs/benchmarks.md).
 */
const BLOCK = 3;
const MAX_PREFIX = 32;

export class ExactMatcher {
  /** The longest needle: how many bytes of one read a streaming caller must carry into the next. */
  readonly maxLength: number;
  readonly #needles: readonly Buffer[];
  readonly #m: number;
  readonly #shift: Uint8Array;
  readonly #mask: number;
  readonly #spread: number;
  /** Needle indexes by the hash of their prefix's last block. */
  readonly #candidates = new Map<number, number[]>();

  constructor(needles: readonly Buffer[]) {
    this.#needles = needles;
    this.maxLength = needles.reduce((max, n) => Math.max(max, n.length), 0);
    const shortest = needles.reduce((min, n) => Math.min(min, n.length), Infinity);
    if (needles.length > 0 && shortest < BLOCK) throw new RangeError('needles must be at least 3 bytes');
    this.#m = Math.min(Number.isFinite(shortest) ? shortest : MAX_PREFIX, MAX_PREFIX);
    // About 1 in 8 table entries set, at most 16 M of them.
    const entries = Math.max(1, needles.length * (this.#m - BLOCK + 1));
    const bits = Math.min(24, Math.max(16, Math.ceil(Math.log2(entries * 8))));
    this.#mask = (1 << bits) - 1;
    this.#spread = Math.ceil((bits - 8) / 2);
    this.#shift = new Uint8Array(1 << bits).fill(this.#m - BLOCK + 1);
    needles.forEach((needle, index) => {
      for (let j = BLOCK - 1; j < this.#m; j += 1) {
        const h = this.#hash(needle[j - 2]!, needle[j - 1]!, needle[j]!);
        const shift = this.#m - 1 - j;
        if (this.#shift[h]! > shift) this.#shift[h] = shift;
      }
      const last = this.#hash(needle[this.#m - 3]!, needle[this.#m - 2]!, needle[this.#m - 1]!);
      const list = this.#candidates.get(last);
      if (list) list.push(index);
      else this.#candidates.set(last, [index]);
    });
  }

  lengthOf(needle: number): number {
    return this.#needles[needle]!.length;
  }

  #hash(a: number, b: number, c: number): number {
    return ((a << (2 * this.#spread)) ^ (b << this.#spread) ^ c) & this.#mask;
  }

  /** Calls `onHit(needle, start)` for every occurrence that lies wholly inside `buf[0, end)`. */
  scan(buf: Uint8Array, end: number, onHit: (needle: number, start: number) => void): void {
    if (this.#needles.length === 0) return;
    const m = this.#m;
    const shift = this.#shift;
    const mask = this.#mask;
    const s1 = this.#spread;
    const s2 = 2 * s1;
    let pos = m - 1;
    while (pos < end) {
      const h = ((buf[pos - 2]! << s2) ^ (buf[pos - 1]! << s1) ^ buf[pos]!) & mask;
      const skip = shift[h]!;
      if (skip !== 0) {
        pos += skip;
        continue;
      }
      const start = pos - m + 1;
      for (const index of this.#candidates.get(h) ?? []) {
        const needle = this.#needles[index]!;
        if (start + needle.length <= end && equalAt(buf, start, needle)) onHit(index, start);
      }
      pos += 1;
    }
  }
}

function equalAt(buf: Uint8Array, start: number, needle: Buffer): boolean {
  for (let i = 0; i < needle.length; i += 1) if (buf[start + i] !== needle[i]) return false;
  return true;
}
