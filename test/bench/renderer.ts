/**
 * The renderer in headless Chromium (Debian's, as the e2e tests use it) through the test harness,
 * served by a separate app-shaped process holding the full vault:
 *  - unlock: from the form's submit (Enter in the password field) to the frame after the first
 *    key card rows are in the page, i.e. once they have been painted; measured in the page;
 *  - scrolling the 10,000 keys: frame-to-frame times while the page scrolls 300 px a frame;
 *  - search: each keystroke in the search field to the frame after the filtered cards;
 *  - the size of what the renderer loads at start, gzip'd, and of everything it may load later;
 *  - the app process's memory once all of that, and the Costs section, have been shown.
 */
import { chromium, type Page } from '@playwright/test';
import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { log, round, summarize, type Summary } from './stats.ts';
import { benchKeyLabel } from './data.ts';

export interface RendererResult {
  unlockToPaintedMs: number[];
  unlockToPainted: Summary;
  /** Each run's Argon2id derivation, as the vault timed it inside that unlock. */
  kdfMs: number[];
  /** Unlock → painted minus that unlock's own KDF: the open, the first reads, the first screen. */
  afterKdfToPaintedMs: number[];
  afterKdfToPainted: Summary;
  /** Unlock submit → every key in the list (the count in the view's summary line is the vault's). */
  unlockToAllKeysMs: number[];
  unlockToAllKeys: Summary;
  /** Scrolling the keys right after an unlock, while the whole-file integrity check runs in the background. */
  scrollFrames: Summary & { over25ms: number };
  /** The same once that check has ended. */
  scrollFramesSettled: Summary & { over25ms: number };
  /** Each keystroke in the search field to the frame after its filtered cards. */
  keystrokeToPainted: Summary;
  /**
   * The process's RSS before the page was opened (the harness idle, vault locked), after everything,
   * and at its peak; and right after the unlock runs, with the peak up to then (the unlocks alone).
   */
  memory: { idleRss: number; rss: number; maxRss: number; unlockedRss: number; unlockMaxRss: number };
}

export interface BundleResult {
  /** What index.html loads before the first screen: entry script, its preloaded chunks, CSS. */
  initialGzipBytes: number;
  /** Every script and stylesheet the build emitted (lazy chunks included). */
  totalGzipBytes: number;
  files: Array<{ file: string; gzipBytes: number; initial: boolean }>;
}

// The page's globals, typed just enough for the functions evaluated in it (this file is checked as Node code).
declare const document: {
  querySelector(
    selector: string,
  ): { addEventListener(type: string, listener: () => void, options?: object): void; textContent: string | null } | null;
  querySelectorAll(selector: string): { length: number };
};
declare const window: { scrollTo(x: number, y: number): void; scrollBy(x: number, y: number): void };
declare function requestAnimationFrame(callback: (now: number) => void): number;

const root = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.KEYWARD_CHROMIUM ?? '/usr/bin/chromium';

export function bundleSize(): BundleResult {
  const dir = join(root, 'dist', 'renderer');
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const initial = new Set([...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!));
  const files = readdirSync(join(dir, 'assets'))
    .filter((file) => /\.(js|css)$/.test(file))
    .map((file) => {
      const path = `assets/${file}`;
      return { file: path, gzipBytes: gzipSync(readFileSync(join(dir, path)), { level: 9 }).length, initial: initial.has(path) };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  const sum = (list: typeof files) => list.reduce((total, f) => total + f.gzipBytes, 0);
  return { initialGzipBytes: sum(files.filter((f) => f.initial)), totalGzipBytes: sum(files), files };
}

/**
 * Arms two timers at the unlock form's submit: `__painted`, ms to the frame after the first key row
 * appeared; `__allKeys`, ms to the frame after the view's summary line counts every key (`total`).
 */
function armUnlockTimer(page: Page, total: number): Promise<void> {
  return page.evaluate((total) => {
    const form = document.querySelector('form');
    if (!form) throw new Error('no unlock form');
    const timers = window as unknown as { __painted: Promise<number>; __allKeys: Promise<number> };
    let started = 0;
    const submitted = new Promise<void>((resolve) =>
      form.addEventListener(
        'submit',
        () => {
          started = performance.now();
          resolve();
        },
        { capture: true, once: true },
      ),
    );
    const after = (ready: () => boolean) =>
      submitted.then(
        () =>
          new Promise<number>((resolve) => {
            const poll = () => {
              if (ready()) requestAnimationFrame(() => resolve(performance.now() - started));
              else requestAnimationFrame(poll);
            };
            requestAnimationFrame(poll);
          }),
      );
    timers.__painted = after(() => document.querySelector('.key-row') !== null);
    // "10000 keys · 20 providers" in any language: its first number, digit separators dropped.
    const listed = () =>
      Number(/\d+/.exec((document.querySelector('.view-summary')?.textContent ?? '').replace(/[,.\s\u00a0\u202f]/g, ''))?.[0]);
    timers.__allKeys = after(() => listed() === total);
  }, total);
}

async function unlockOnce(page: Page, password: string, total: number): Promise<{ painted: number; allKeys: number }> {
  await page.getByRole('heading', { name: 'Keyward is locked' }).waitFor();
  await page.getByLabel('Master password').fill(password);
  await armUnlockTimer(page, total);
  await page.getByLabel('Master password').press('Enter');
  const painted = await page.evaluate(() => (window as unknown as { __painted: Promise<number> }).__painted);
  const allKeys = await page.evaluate(() => (window as unknown as { __allKeys: Promise<number> }).__allKeys);
  return { painted, allKeys };
}

async function scrollFrames(page: Page, durationMs: number): Promise<number[]> {
  await page.evaluate(() => window.scrollTo(0, 0));
  return page.evaluate(
    (duration) =>
      new Promise<number[]>((resolve) => {
        const frames: number[] = [];
        let last = 0;
        let end = 0;
        const step = (now: number) => {
          if (last === 0) end = now + duration;
          else frames.push(now - last);
          last = now;
          window.scrollBy(0, 300);
          if (now < end) requestAnimationFrame(step);
          else resolve(frames);
        };
        requestAnimationFrame(step);
      }),
    durationMs,
  );
}

export async function benchRenderer(
  dataDir: string,
  now: string,
  password: string,
  unlockRuns: number,
  keys: number,
): Promise<RendererResult> {
  const app = fork(join(root, 'test', 'bench', 'app-process.ts'), [dataDir, now], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const messages: Array<(message: { type: string; [k: string]: unknown }) => void> = [];
  app.on('message', (message: { type: string }) => messages.shift()?.(message as never));
  const next = <T>() => new Promise<T>((resolve) => messages.push(resolve as never));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const { url, idleRss } = await next<{ url: string; idleRss: number }>();
    const page = await browser.newPage({ viewport: { width: 1200, height: 820 } });
    await page.goto(url);
    const painted: number[] = [];
    const allKeys: number[] = [];
    const kdf: number[] = [];
    const timedUnlock = async () => {
      const run = await unlockOnce(page, password, keys);
      app.send({ type: 'timings' });
      const timings = await next<{ kdfMs: number }>();
      return { ...run, kdfMs: timings.kdfMs };
    };
    for (let run = 0; run < unlockRuns; run += 1) {
      const timed = await timedUnlock();
      painted.push(timed.painted);
      allKeys.push(timed.allKeys);
      kdf.push(timed.kdfMs);
      await page.getByRole('button', { name: 'Lock' }).click();
    }
    await unlockOnce(page, password, keys);
    const frames = await scrollFrames(page, 3000);
    app.send({ type: 'memory' });
    const unlocked = await next<{ rss: number; maxRss: number }>();
    app.send({ type: 'verified' });
    await next<{ verdict: string }>();
    const settledFrames = await scrollFrames(page, 3000);

    // Search as you type: each keystroke, from its input event to the frame after the filtered
    // cards (the phrase typed at a steady pace), and the last one down to the one matching row.
    const search = page.getByRole('searchbox', { name: 'Search keys' });
    const phrase = benchKeyLabel(keys - 1);
    await search.focus();
    await page.evaluate(() => {
      const box = document.querySelector('input[type="search"]')!;
      const times: number[] = [];
      (window as unknown as { __keystrokes: number[] }).__keystrokes = times;
      box.addEventListener('input', () => {
        const started = performance.now();
        requestAnimationFrame(() => requestAnimationFrame(() => times.push(performance.now() - started)));
      });
    });
    await search.pressSequentially(phrase, { delay: 150 });
    await page.locator('.key-label', { hasText: phrase }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.key-row').length === 1);
    const keystrokes = await page.evaluate(() => (window as unknown as { __keystrokes: number[] }).__keystrokes);
    await search.fill('');
    await page.locator('.key-row').nth(1).waitFor();

    await page.getByRole('button', { name: 'Costs' }).click();
    await page.getByRole('heading', { name: 'Daily cost' }).waitFor();
    await page.getByRole('button', { name: '90 days' }).click();
    await page.waitForTimeout(500);
    app.send({ type: 'memory' });
    const memory = await next<{ rss: number; maxRss: number }>();
    const scroll = summarize(frames);
    const afterKdf = painted.map((ms, run) => ms - kdf[run]!);
    const result: RendererResult = {
      unlockToPaintedMs: painted.map((ms) => round(ms, 0)),
      unlockToPainted: summarize(painted),
      kdfMs: kdf.map((ms) => round(ms, 0)),
      afterKdfToPaintedMs: afterKdf.map((ms) => round(ms, 0)),
      afterKdfToPainted: summarize(afterKdf),
      unlockToAllKeysMs: allKeys.map((ms) => round(ms, 0)),
      unlockToAllKeys: summarize(allKeys),
      scrollFrames: { ...scroll, over25ms: frames.filter((ms) => ms > 25).length },
      scrollFramesSettled: { ...summarize(settledFrames), over25ms: settledFrames.filter((ms) => ms > 25).length },
      keystrokeToPainted: summarize(keystrokes),
      memory: { idleRss, rss: memory.rss, maxRss: memory.maxRss, unlockedRss: unlocked.rss, unlockMaxRss: unlocked.maxRss },
    };
    log(
      `  renderer: unlock→painted ${result.unlockToPaintedMs.join(', ')} ms (KDF ${result.kdfMs.join(', ')} ms; all keys listed ${result.unlockToAllKeysMs.join(', ')} ms); scroll p50 ${scroll.p50} / p95 ${scroll.p95} ms over ${frames.length} frames (after the background check: p50 ${result.scrollFramesSettled.p50} / p95 ${result.scrollFramesSettled.p95} ms); keystroke→painted p50 ${result.keystrokeToPainted.p50} / p95 ${result.keystrokeToPainted.p95} ms; app RSS ${(memory.rss / 1e6).toFixed(0)} MB (peak ${(memory.maxRss / 1e6).toFixed(0)} MB; through the unlocks ${(unlocked.maxRss / 1e6).toFixed(0)} MB)`,
    );
    return result;
  } finally {
    await browser.close();
    app.send({ type: 'close' });
    await new Promise((resolve) => app.once('exit', resolve));
  }
}
