// `roamcheck mutants [MODEL] [--check]`: list the bug zoo, or judge it on a model (default the
// seed lab) in random and exhaustive mode and print the table README.md shows. ADAPTER.

import { runZoo, zooTable } from '../core/check/zoo.js';
import { MUTANTS } from '../core/mutants.js';
import { BUILTIN_PROPERTIES } from '../../properties/index.js';
import type { Io } from './io.js';
import { diagnosticLine } from './fail.js';
import { readModel } from './readModel.js';

export async function mutantsCommand(model: string | undefined, opts: { json?: boolean; check?: boolean; runs?: string; seed?: string; depth?: string }, io: Io): Promise<number> {
  if (opts.check) {
    const read = readModel(model, io.cwd);
    if (!read.scenario) {
      for (const d of read.diagnostics) io.err(diagnosticLine(d) + '\n');
      return 2;
    }
    const { rows, diagnostics } = runZoo(read.scenario, BUILTIN_PROPERTIES, {
      runs: Number(opts.runs ?? 10_000),
      seed: Number(opts.seed ?? 1),
      depth: Number(opts.depth ?? 30),
      maxStates: 3_000_000,
      exhaustive: true,
      clock: () => performance.now(),
      onRow: (r) => {
        if (io.progress) io.err(`  ${r.mutant.id}: random ${r.random.verdict}, exhaustive ${r.exhaustive?.verdict}\n`);
      },
    });
    for (const d of diagnostics) io.err(diagnosticLine(d) + '\n');
    if (opts.json) io.out(JSON.stringify({ rows: rows.map((r) => ({ mutant: r.mutant.id, breaks: r.mutant.breaks, scope: r.scope, random: { verdict: r.random.verdict, runs: r.random.runs, length: r.random.counterexample?.length ?? null }, exhaustive: r.exhaustive && { verdict: r.exhaustive.verdict, states: r.exhaustive.distinctStates, length: r.exhaustive.counterexample?.length ?? null } })) }, null, 2) + '\n');
    else io.out(zooTable(rows));
    const caught = rows.every((r) => r.random.verdict === 'violated' && r.exhaustive?.verdict === 'violated');
    return caught && diagnostics.length === 0 ? 0 : 1;
  }
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
