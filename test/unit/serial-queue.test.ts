import { describe, expect, it } from 'vitest';
import { SerialQueue } from '../../main/serial-queue.ts';

describe('SerialQueue', () => {
  it('runs tasks one at a time, in the order given, even when an earlier one waits longer', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    let releaseFirst!: () => void;
    const first = queue.run(async () => {
      log.push('first starts');
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      log.push('first ends');
      return 1;
    });
    const second = queue.run(() => {
      log.push('second runs');
      return 2;
    });
    await Promise.resolve();
    expect(log).toEqual(['first starts']);
    releaseFirst();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(log).toEqual(['first starts', 'first ends', 'second runs']);
  });

  it('a failing task rejects for its caller only; the next one still runs', async () => {
    const queue = new SerialQueue();
    const failing = queue.run(() => {
      throw new Error('busy');
    });
    const next = queue.run(async () => 'ran');
    await expect(failing).rejects.toThrow('busy');
    await expect(next).resolves.toBe('ran');
  });
});
