/**
 * The app's import in a process of its own, so its peak memory is the app's and not the bench's:
 * the services and router as the app builds them (imports in the worker thread), a preview and a
 * commit of the export exactly as the window calls them, then the same file again (a re-import
 * that adds nothing). Prints one JSON object on stdout.
 *   node test/bench/import-process.ts <data dir> <csv> <rows> <import worker> <bytes|path> <password> <minimum|calibrate> <ISO time>
 * The vault it creates and fills is the one the rest of the bench then unlocks.
 */
import { createHandlers } from '../../main/handlers.ts';
import { createRouter } from '../../main/router.ts';
import { createServices } from '../../main/services.ts';
import { benchAppImport, benchReimport, type Handover } from './import.ts';
import { peakRss, resetPeakRss } from './stats.ts';

const [dataDir, csv, rowsText, workerText, handover, password, kdfPolicy, now] = process.argv.slice(2);
if (
  !dataDir ||
  !csv ||
  !rowsText ||
  !workerText ||
  (handover !== 'bytes' && handover !== 'path') ||
  !password ||
  (kdfPolicy !== 'minimum' && kdfPolicy !== 'calibrate') ||
  !now
)
  throw new Error(
    'usage: import-process.ts <data dir> <csv> <rows> <import worker> <bytes|path> <password> <minimum|calibrate> <ISO time>',
  );
const importWorker = workerText.startsWith('file:') ? new URL(workerText) : workerText;
const services = createServices({
  dataDir,
  clock: { now: () => new Date(now) },
  kdfPolicy,
  importWorker,
});
await services.vault.create(password, 'cli');
const call = createRouter(createHandlers(services));
// The peak from here on is the import's, not the vault's creation (its KDF).
const peakReset = resetPeakRss();
const idleRss = process.memoryUsage().rss;
const first = await benchAppImport(call, csv, Number(rowsText), handover as Handover);
const afterFirst = peakRss();
const stages = (services.costs.imports as { lastStages?: Record<string, number> }).lastStages;
if (stages) first.stages = stages;
const again = await benchReimport(call, csv, handover as Handover);
process.stdout.write(
  JSON.stringify({
    app: first,
    reimport: again,
    memory: { idleRss, peakRssDuringImport: afterFirst, peakRss: peakRss(), peakReset },
  }),
);
services.vault.lock('quit');
