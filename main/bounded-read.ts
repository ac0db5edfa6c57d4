import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Reads at most `maxBytes` of a file. A path given by the user or found in the data directory can
 * name `/dev/zero`, a FIFO or a symlink to one: reading it whole would never end or exhaust
 * memory (found by the security review: `--password-file /dev/zero` aborted the process).
 * `regularOnly` also refuses anything that is not a plain file, symlinks included (O_NOFOLLOW
 * where the platform has it). Returns `null` when the file is longer than the limit.
 */
export class NotARegularFile extends Error {}

export function readBounded(path: string, maxBytes: number, options: { regularOnly?: boolean } = {}): Buffer | null {
  const noFollow = options.regularOnly && process.platform !== 'win32' ? constants.O_NOFOLLOW : 0;
  // O_NONBLOCK: opening a FIFO must not wait for a writer before the type check can refuse it.
  const nonBlock = options.regularOnly && process.platform !== 'win32' ? constants.O_NONBLOCK : 0;
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | noFollow | nonBlock);
  } catch (error) {
    if (options.regularOnly && (error as NodeJS.ErrnoException).code === 'ELOOP') throw new NotARegularFile(path);
    throw error;
  }
  try {
    if (options.regularOnly && !fstatSync(fd).isFile()) throw new NotARegularFile(path);
    const buffer = Buffer.alloc(maxBytes + 1);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, null);
      if (n === 0) break;
      read += n;
    }
    return read > maxBytes ? null : buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
