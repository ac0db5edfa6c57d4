import { expect, test } from '@playwright/test';
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHarness } from '../harness/server.ts';
import { tourScreens, TOUR_NOW } from '../harness/tour.ts';

// Every screen at 800×600 in Korean: no text clipped, spilling out of its box, or out of the window
// (test/harness/page/layout-check.ts says exactly what counts). Korean words are not broken inside
// (word-break: keep-all), so a narrow box shows it where English would have wrapped.

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const SHOTS = join(root, 'test-results', 'i18n-layout');

/** The in-page checks, bundled once: the expression that runs one of them and returns its findings. */
async function pageChecks(): Promise<(check: 'findLayoutProblems' | 'findEnglishText') => string> {
  const result = await build({
    entryPoints: [join(root, 'test', 'harness', 'page', 'layout-check.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'keywardLayout',
    target: 'es2022',
  });
  return (check: 'findLayoutProblems' | 'findEnglishText') =>
    `(() => { ${result.outputFiles[0]!.text}; return keywardLayout.${check}(); })()`;
}

test('every screen at 800×600 in Korean keeps its text inside its box and the window, and is all Korean', async ({ browser }) => {
  test.setTimeout(180_000);
  const checks = await pageChecks();
  const harness = await startHarness({ clock: { now: () => TOUR_NOW } });
  const page = await browser.newPage({ viewport: { width: 800, height: 600 }, locale: 'en-US' });
  try {
    await page.clock.install({ time: TOUR_NOW });
    await page.goto(harness.url);
    const problems: string[] = [];
    const screens: string[] = [];
    const seen = new Set<string>();
    mkdirSync(SHOTS, { recursive: true });
    await tourScreens({
      page,
      harness,
      root,
      locale: 'ko',
      at: async (screen) => {
        screens.push(screen);
        // A dialog opens over the screen before it: what that one showed is named once, where first seen.
        const findings = [
          ...((await page.evaluate(checks('findLayoutProblems'))) as string[]),
          ...((await page.evaluate(checks('findEnglishText'))) as string[]),
        ];
        const found = findings.filter((problem) => !seen.has(problem));
        for (const problem of found) seen.add(problem);
        // The screen as it failed, for whoever fixes it.
        if (found.length > 0) await page.screenshot({ path: join(SHOTS, `${screen}.png`), fullPage: true });
        problems.push(...found.map((problem) => `${screen}: ${problem}`));
      },
    });
    expect(screens.length).toBeGreaterThanOrEqual(17);
    expect(problems, `screenshots of the failing screens: ${SHOTS}`).toEqual([]);
  } finally {
    await page.close();
    await harness.close();
  }
});

test('the layout check names what is cut or spills, and lets deliberate truncation be', async ({ page }) => {
  await page.setViewportSize({ width: 400, height: 300 });
  await page.setContent(`
    <style>
      body { margin: 0; font: 16px sans-serif; }
      .cut { width: 60px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .spill { width: 60px; white-space: nowrap; }
      .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
      .scroller { width: 200px; overflow-x: auto; }
      .wide { width: 900px; }
    </style>
    <div class="cut" id="cut">A label far too long for its box</div>
    <div class="cut" title="sk-proj-…mpAA, whole">sk-proj-FAKEFAKEFAKEFAKE</div>
    <div class="spill" id="spill">Spills over whatever is beside it</div>
    <span class="sr">Only for screen readers, and long at that</span>
    <div class="scroller"><div class="wide">A wide table that scrolls in its own box</div></div>
    <div class="cut" style="width: 300px">Fits</div>
    <div id="out" style="margin-left: 350px; width: 120px">Out of the window</div>
  `);
  const problems = (await page.evaluate((await pageChecks())('findLayoutProblems'))) as string[];
  expect(problems).toEqual([
    expect.stringMatching(/^clipped: div#cut\.cut "A label far too long for its box" shows 60px of \d+px$/),
    expect.stringMatching(/^overflows its box: div#spill\.spill "Spills over whatever is beside it" is \d+px in a 60px box$/),
    'sticks out of the window: div#out "Out of the window" spans 350–470px of 400px',
  ]);
});

test('the English check names the app’s own English, and lets names, shells and marked user data be', async ({ page }) => {
  await page.setContent(`
    <p id="left">anthropic-usage.csv: 3 added, 0 duplicates, 0 skipped</p>
    <p>셸 기록(bash, zsh, fish, PowerShell)과 Claude Code, Codex, Cursor</p>
    <p>OpenAI · 운영 · Chat backend</p>
    <p translate="no">Nightly summariser for the support team</p>
    <button aria-label="Copy the key now">복사</button>
    <code>keyward run -- npm start the server</code>
  `);
  const problems = (await page.evaluate((await pageChecks())('findEnglishText'))) as string[];
  expect(problems).toEqual([
    'English: p#left "anthropic-usage.csv: 3 added, 0 duplicates, 0 skipped"',
    'English aria-label: button "Copy the key now" "Copy the key now"',
  ]);
});
