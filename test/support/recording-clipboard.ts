import { concealedRepresentations, TEXT_TYPE, type Representations } from '../../main/clipboard/concealment.ts';
import type { ClipboardPort } from '../../main/clipboard/port.ts';

/**
 * A clipboard that remembers everything: what is on it now (with every representation the
 * Electron adapter would write), and the history of writes and clears. `copyFromElsewhere`
 * plays the user copying something in another app.
 */
export class RecordingClipboard implements ClipboardPort {
  readonly platform: NodeJS.Platform;
  current: Representations = {};
  readonly log: Array<{ op: 'write' | 'write-plain' | 'clear' | 'external'; text?: string }> = [];
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

  async writeText(text: string): Promise<void> {
    this.current = { [TEXT_TYPE]: text };
    this.log.push({ op: 'write-plain', text });
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

/** Timers that fire only when the test says time has passed (one implementation, in manual-timers.ts). */
export { ManualTimers } from './manual-timers.ts';
