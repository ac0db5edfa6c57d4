/**
 * The benchmark's stand-in for the app's main process: the real services on the big vault (10,000
 * keys and the usage records), serving the built renderer through the test harness. It runs in a
 * process of its own so its memory is the services' and nothing of the benchmark's own (generated
 * files, Playwright, the other vaults). Messages: `ready` {url}; answers `memory` with its RSS,
 * `timings` with the last unlock's duration and its KDF's, and `verified` once the background
 * integrity check of the last unlock has ended.
 *   node test/bench/app-process.ts <data dir> <ISO time for the clock>
 */
import { startHarness } from '../harness/server.ts';
import { peakRss } from './stats.ts';

const [dataDir, now] = process.argv.slice(2);
if (!dataDir || !now || !process.send) throw new Error('usage: fork app-process.ts <data dir> <ISO time>');

const harness = await startHarness({ dataDir, clock: { now: () => new Date(now) }, keepLog: false });
process.send({ type: 'ready', url: harness.url, idleRss: process.memoryUsage().rss });

process.on('message', (message: { type: string }) => {
  if (message.type === 'memory') {
    process.send!({
      type: 'memory',
      rss: process.memoryUsage().rss,
      maxRss: peakRss(),
    });
  } else if (message.type === 'timings') {
    process.send!({ type: 'timings', ...harness.services.vault.lastUnlockTimings() });
  } else if (message.type === 'verified') {
    // When the whole-file integrity check started by the last unlock has ended.
    void harness.services.vault.verification().then((verdict) => process.send!({ type: 'verified', verdict }));
  } else if (message.type === 'close') {
    void harness.close().then(() => process.exit(0));
  }
});
