/** Small measuring helpers shared by the benchmark's parts. */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

export interface Summary {
  runs: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of a sample (p in 0..100). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    runs: samples.length,
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    min: round(Math.min(...samples)),
    max: round(Math.max(...samples)),
    mean: round(samples.reduce((a, b) => a + b, 0) / samples.length),
  };
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Milliseconds a call takes. */
export function timeSync<T>(work: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = work();
  return { ms: performance.now() - started, value };
}

export async function time<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** Runs `work` once to warm up, then `runs` times; the samples in ms. */
export function sampleSync(work: () => unknown, runs: number): number[] {
  work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) samples.push(timeSync(work).ms);
  return samples;
}

/** Whether a command exists on PATH (the reference tools are Debian packages). */
export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Runs a command to completion and times it wall-clock; throws when it fails. */
export function timedRun(command: string, args: string[], options: SpawnSyncOptions = {}): { ms: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} failed (${result.status}): ${String(result.stderr).slice(0, 500)}`);
  return { ms, stdout: String(result.stdout) };
}

/** Progress goes to stderr, so `--json` keeps stdout to the one JSON object. */
export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}

/**
 * This process's peak RSS in bytes. On Linux from VmHWM in /proc/self/status: the high-water mark
 * of this process's own memory. Not `process.resourceUsage().maxRSS`: Linux carries ru_maxrss
 * across fork and exec, so a child started by a large parent reports the parent's peak (a
 * 1.9 GB "peak" for the 170 MB app process, found in the first full run).
 */
export function peakRss(): number {
  try {
    const line = readFileSync('/proc/self/status', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmHWM:'));
    const kib = line ? Number(/(\d+)\s*kB/.exec(line)?.[1]) : Number.NaN;
    if (Number.isFinite(kib)) return kib * 1024;
  } catch {
    // Not Linux: fall through.
  }
  return process.resourceUsage().maxRSS * 1024;
}

/**
 * Starts this process's peak RSS afresh from its current RSS (Linux: "5" to /proc/self/clear_refs),
 * so what comes next is measured without an earlier peak (creating a vault runs the KDF, 64–176 MiB).
 * Returns whether it could.
 */
export function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}
