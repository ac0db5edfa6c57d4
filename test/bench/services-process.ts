/**
 * Keyward's main-process services alone on the full vault, without the test harness's HTTP server
 * in front: unlock (with the background whole-file check), the key list, a search, the Costs
 * overview and a month by model; then its RSS now and at its peak, and both as they were right
 * after the unlock, on stdout as JSON.
 *   node test/bench/services-process.ts <data dir> <ISO time> <password> <verify worker>
 */
import { createServices } from '../../main/services.ts';
import { peakRss } from './stats.ts';

const [dataDir, now, password, verifyWorker] = process.argv.slice(2);
if (!dataDir || !now || !password || !verifyWorker)
  throw new Error('usage: services-process.ts <data dir> <ISO time> <password> <verify worker>');
const worker = verifyWorker.startsWith('file:') ? new URL(verifyWorker) : verifyWorker;
const services = createServices({ dataDir, clock: { now: () => new Date(now) }, kdfPolicy: 'minimum', verifyWorker: worker });
await services.vault.unlock(password, 'app');
const unlockedRss = process.memoryUsage().rss;
const unlockMaxRss = peakRss();
JSON.stringify(services.keys.list({}));
JSON.stringify(services.keys.list({ search: 'deploy' }));
JSON.stringify(services.costs.views.overview({ days: 90 }));
JSON.stringify(services.costs.views.summary({ by: 'model' }));
const verdict = await services.vault.verification();
process.stdout.write(JSON.stringify({ verdict, rss: process.memoryUsage().rss, maxRss: peakRss(), unlockedRss, unlockMaxRss }));
services.vault.lock('quit');
