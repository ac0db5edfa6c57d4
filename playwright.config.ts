import { defineConfig, type Project } from '@playwright/test';

const chromium: Project['use'] = {
  browserName: 'chromium',
  // Debian's Chromium: Playwright cannot download its own build here.
  launchOptions: {
    executablePath: process.env.KEYWARD_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  },
  viewport: { width: 1200, height: 820 },
};

/**
 * Three projects: `e2e` drives the real renderer in Debian's Chromium through the loopback test
 * harness; `reliability` does the same for the reliability suite's browser tests; `electron` drives the real app with Playwright's _electron where an Electron binary
 * is installed, and skips with one line where it is not.
 */
export default defineConfig({
  testDir: 'test',
  tsconfig: './tsconfig.playwright.json',
  outputDir: 'test-results/playwright',
  timeout: 60_000,
  // One spec file at a time. Tests share no state (each has its own harness or app), but two
  // Chromiums beside the services on a 2-core machine crashed a worker (SIGABRT) and starved the
  // 3,000-key list of requests (ERR_INSUFFICIENT_RESOURCES) in one fresh-clone run of seven.
  workers: 1,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/playwright.json' }]] : 'list',
  projects: [
    { name: 'e2e', testMatch: 'e2e/**/*.spec.ts', use: chromium },
    // The browser half of `npm run test:reliability`: secret hygiene and the backups round trip through the UI.
    { name: 'reliability', testMatch: 'reliability/**/*.spec.ts', use: chromium },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' },
  ],
});
