#!/usr/bin/env node
// The installed `keyward` command. Node 22.18+ runs the TypeScript sources directly.
import { runCli } from '../main/cli.ts';

process.exitCode = await runCli(process.argv.slice(2));
