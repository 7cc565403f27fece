#!/usr/bin/env node
// The installed entry point: three lines around the compiled CLI (dist/, built by `npm run build`).
import { main } from '../dist/src/cli/main.js';
const io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), cwd: process.cwd(), color: !!process.stdout.isTTY && !process.env.NO_COLOR && !process.env.CI, progress: !!process.stderr.isTTY && !process.env.CI };
// A closed pipe (`roamcheck check | head`) is the reader's choice, not an error.
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); throw e; });
process.exitCode = await main(process.argv.slice(2), io);
