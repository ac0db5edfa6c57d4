import { execFileSync } from 'node:child_process';
import { readFileSync, readlinkSync } from 'node:fs';
import type { ClientInfo } from './messages.ts';

/**
 * How a CLI process describes itself to the app's approval prompt: its command, working
 * directory, parent process and terminal. Self-reported, so it informs the user's decision but
 * is no proof: any process of the same user can reach the agent (see the README).
 */
export function describeThisProcess(argv: readonly string[]): ClientInfo {
  return {
    pid: process.pid,
    command: shorten(['keyward', ...argv].join(' '), 400),
    cwd: shorten(process.cwd(), 1000),
    parent: shorten(parentName(), 200),
    terminal: shorten(terminalOf(), 200),
  };
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function parentName(): string {
  try {
    if (process.platform === 'linux') return readFileSync(`/proc/${process.ppid}/comm`, 'utf8').trim();
    if (process.platform === 'darwin') {
      return execFileSync('ps', ['-o', 'comm=', '-p', String(process.ppid)], { encoding: 'utf8', timeout: 1_000 }).trim();
    }
  } catch {
    // The parent may be gone already; the prompt says "unknown".
  }
  return '';
}

/** The controlling terminal's device where Linux tells us cheaply; else the parent process (the shell). */
function terminalOf(): string {
  if (process.platform === 'linux') {
    for (const fd of [0, 1, 2]) {
      try {
        const target = readlinkSync(`/proc/self/fd/${fd}`);
        if (/^\/dev\/(pts\/\d+|tty\w*)$/.test(target)) return target;
      } catch {
        // Not a terminal: try the next stream.
      }
    }
  }
  return `parent ${process.ppid}`;
}
