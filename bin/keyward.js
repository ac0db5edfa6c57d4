#!/usr/bin/env node
// The installed `keyward` command. It runs the bundle `npm install` builds (scripts/build.ts --cli,
// the `prepare` script), which starts several times faster; without one (a checkout where it was
// not built) Node 22.18+ runs the TypeScript sources directly. `npm run build` refreshes the bundle.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli/keyward.mjs', import.meta.url);
const { runCli } = await import(existsSync(bundle) ? bundle.href : '../main/cli.ts');

process.exitCode = await runCli(process.argv.slice(2));
