#!/usr/bin/env node
// Node 24 runs the TypeScript sources directly (type stripping); no build step for the CLI.
import { runCli } from '../main.ts';

process.exitCode = await runCli(process.argv.slice(2));
