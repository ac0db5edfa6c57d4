import { concealedRepresentations, TEXT_TYPE, type Representations } from '../../main/clipboard/concealment.ts';
import type { ClipboardPort, Timers } from '../../main/clipboard/port.ts';

/**
 * A clipboard that remembers everything: what is on it now (with every representation the
 * Electron adapter would write), and the history of writes and clears. `copyFromElsewhere`
 * plays the user copying something in another app.
 */
export class RecordingClipboard implements ClipboardPort {
  readonly platform: NodeJS.Platform;
  current: Representations = {};
  readonly log: Array<{ op: 'write' | 'clear' | 'external'; text?: string }> = [];
  failNextWrite = false;

  constructor(platform: NodeJS.Platform = 'linux') {
    this.platform = platform;
  }

  async writeSecret(text: string): Promise<void> {
    if (this.failNextWrite) {
      this.failNextWrite = false;
      throw new Error('clipboard busy');
    }
    this.current = concealedRepresentations(this.platform, text);
    this.log.push({ op: 'write', text });
  }

  async readText(): Promise<string> {
    const text = this.current[TEXT_TYPE];
    return typeof text === 'string' ? text : '';
  }

  async clear(): Promise<void> {
    this.current = {};
    this.log.push({ op: 'clear' });
  }

  /** The text on the clipboard now, or '' when it is empty. */
  text(): string {
    const text = this.current[TEXT_TYPE];
    return typeof text === 'string' ? text : '';
  }

  copyFromElsewhere(text: string): void {
    this.current = { [TEXT_TYPE]: text };
    this.log.push({ op: 'external', text });
  }
}

/** Timers that fire only when the test says time has passed. */
export class ManualTimers implements Timers {
  #now = 0;
  #next = 1;
  readonly #pending = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.#next++;
    this.#pending.set(id, { at: this.#now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#pending.delete(handle as number);
  }

  /** Moves time on and runs every timer that fell due, in order. */
  advance(ms: number): void {
    this.#now += ms;
    const due = [...this.#pending.entries()].filter(([, t]) => t.at <= this.#now).sort((a, b) => a[1].at - b[1].at);
    for (const [id, timer] of due) {
      this.#pending.delete(id);
      timer.callback();
    }
  }

  get pendingCount(): number {
    return this.#pending.size;
  }
}
