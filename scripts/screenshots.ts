/**
 * `npm run screenshots`: pictures of every screen, taken from the real renderer on the browser
 * test harness (real services, a fresh vault of obviously fake keys), so they show the app as it is
 * today. The screens are test/harness/tour.ts's, the tour the Korean layout check walks too.
 *
 *   node scripts/screenshots.ts                 English, light and dark: docs/screenshots/<screen>-<theme>.png at 1200×820
 *   node scripts/screenshots.ts --locale ko     Korean, light: docs/screenshots/ko/<screen>.png (needs a Hangul font: fonts-noto-cjk)
 *   node scripts/screenshots.ts --out DIR --size 800x600   somewhere else, at another size (for review)
 */
import { chromium, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { locales, type Locale } from '../i18n/language.ts';
import { startHarness } from '../test/harness/server.ts';
import { tourScreens, TOUR_NOW } from '../test/harness/tour.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values } = parseArgs({
  options: { out: { type: 'string' }, size: { type: 'string', default: '1200x820' }, locale: { type: 'string', default: 'en' } },
});
const locale = locales.find((known) => known === values.locale);
if (!locale) {
  console.error(`--locale: use one of ${locales.join(', ')} (got "${values.locale}")`);
  process.exit(2);
}
const [width, height] = values.size.split('x').map(Number) as [number, number];
const out = resolve(values.out ?? join(root, 'docs', 'screenshots', ...(locale === 'en' ? [] : [locale])));
// The English set shows both themes; another language is there for its words, which a theme does not move.
const themes = locale === 'en' ? (['light', 'dark'] as const) : (['light'] as const);
const clock = { now: () => TOUR_NOW };

execFileSync(process.execPath, [join(root, 'scripts', 'build.ts'), '--renderer'], { stdio: 'inherit' });
mkdirSync(out, { recursive: true });

const harness = await startHarness({ clock });
const browser = await chromium.launch({
  executablePath: process.env.KEYWARD_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  // The OS language is English: the tour switches the vault's setting to `locale` for each shot.
  const page = await browser.newPage({ viewport: { width, height }, locale: 'en-US' });
  // The page's clock agrees with the harness's, so "expires in 8 days" reads the same in the chip and the reminder.
  await page.clock.install({ time: clock.now() });
  await page.goto(harness.url);
  await tourScreens({ page, harness, root, locale, at: (screen) => shoot(page, screen, locale) });
} finally {
  await browser.close();
  await harness.close();
}

async function shoot(page: Page, name: string, locale: Locale): Promise<void> {
  for (const colorScheme of themes) {
    await page.emulateMedia({ colorScheme });
    // Let transitions and the chart's canvas settle after the theme or the language flips.
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(out, locale === 'en' ? `${name}-${colorScheme}.png` : `${name}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  console.log(`${name}: ${out}`);
}
