#!/usr/bin/env node
// The installed entry point: three lines around the compiled CLI (dist/, built by `npm run build`).
import { main, processIo } from '../dist/src/cli/main.js';
// A closed pipe (`roamcheck check | head`) is the reader's choice, not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
process.exitCode = await main(process.argv.slice(2), processIo());
