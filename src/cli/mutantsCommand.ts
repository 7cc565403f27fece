// `roamcheck mutants`: list the bug zoo. ADAPTER.

import { MUTANTS } from '../core/mutants.js';
import type { Io } from './io.js';

export async function mutantsCommand(opts: { json?: boolean }, io: Io): Promise<number> {
  if (opts.json) {
    io.out(JSON.stringify({ mutants: MUTANTS }, null, 2) + '\n');
    return 0;
  }
  const w = Math.max(...MUTANTS.map((m) => m.id.length));
  const b = Math.max(...MUTANTS.map((m) => m.breaks.length));
  io.out(`${'id'.padEnd(w)}  ${'must break'.padEnd(b)}  bug\n`);
  for (const m of MUTANTS) io.out(`${m.id.padEnd(w)}  ${m.breaks.padEnd(b)}  ${m.bug}\n`);
  return 0;
}
