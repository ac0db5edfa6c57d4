/**
 * Runs Doyensec's Electronegativity over the sources and fails on any finding above
 * informational that is not justified below. It is run through its programmatic runner:
 * its CLI entry relies on an old `commander` being hoisted, which this project's is not.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface Finding {
  id: string;
  file: string;
  location: { line: number };
  severity: { value: number; name: string };
  description: string;
}
type Runner = (options: Record<string, unknown>, forCli: boolean) => Promise<{ issues: Finding[]; errors: unknown[] }>;

/** Findings we have looked at and accept, with the reason. Each must still occur, or it is removed. */
const justified: Record<string, string> = {
  CSP_GLOBAL_CHECK:
    'The CSP is a response header on every app:// response (main/platform/protocol.ts, asserted in test/unit/electron-edge.test.ts); ' +
    'Electronegativity only recognises <meta> tags and webRequest hooks.',
  OPEN_EXTERNAL_JS_CHECK:
    "main/platform/shell.ts opens only https URLs whose host is one of the provider catalog's console pages " +
    '(isAllowedExternalUrl against CONSOLE_HOSTS), and the URL always comes from the catalog, never from the renderer ' +
    '(asserted in test/unit/lifecycle-edge.test.ts and test/unit/rotation.test.ts).',
};

const INFORMATIONAL = 0;
const run = require('@doyensec/electronegativity/dist/runner.js') as Runner;
const electronVersion = (require('electron/package.json') as { version: string }).version;

const result = await run(
  {
    input: process.cwd(),
    isSarif: false,
    customScan: [],
    excludeFromScan: [],
    electronVersionOverride: electronVersion,
    relative: true,
  },
  false,
);

const relevant = result.issues.filter((issue) => issue.severity.value > INFORMATIONAL && !issue.file.includes('node_modules'));
const unexplained = relevant.filter((issue) => !(issue.id in justified));
const stale = Object.keys(justified).filter((id) => !relevant.some((issue) => issue.id === id));

for (const issue of relevant) {
  const where = issue.file === 'N/A' ? 'global' : `${issue.file.replace(`${process.cwd()}/`, '')}:${issue.location.line}`;
  const note = justified[issue.id] ? `justified: ${justified[issue.id]}` : 'NOT JUSTIFIED';
  console.log(`${issue.severity.name.padEnd(6)} ${issue.id} (${where}) — ${issue.description}\n       ${note}`);
}
for (const id of stale) console.log(`stale justification: ${id} no longer occurs; remove it`);
if (result.errors.length > 0) console.log(`Electronegativity could not parse ${result.errors.length} file(s):`, result.errors);
console.log(`electronegativity: ${relevant.length} finding(s) above informational, ${unexplained.length} unjustified`);
process.exitCode = unexplained.length > 0 || stale.length > 0 || result.errors.length > 0 ? 1 : 0;
