// `roamcheck mutants [MODEL] [--check]`: list the bug zoo, or judge it on a model (default the
// seed lab) in random and exhaustive mode and print the table README.md shows. ADAPTER.

import { runZoo, zooTable } from '../core/check/zoo.js';
import { MUTANTS } from '../core/mutants.js';
import { BUILTIN_PROPERTIES } from '../../properties/index.js';
import { parseOptions } from './cliOptions.js';
import { diagnosticLine, fail } from './fail.js';
import { hostless } from './loadForRun.js';
import type { Io } from './io.js';
import { readModel } from './readModel.js';

export async function mutantsCommand(
  model: string | undefined,
  opts: { json?: boolean; check?: boolean; runs?: string; seed?: string; depth?: string; shortestBudget?: string },
  io: Io,
): Promise<number> {
  if (opts.check) {
    const parsed = parseOptions({ runs: opts.runs, seed: opts.seed, depth: opts.depth, shortestBudget: opts.shortestBudget });
    if (parsed.diagnostics.length) return fail(parsed.diagnostics, io);
    const { runs = 10_000, seed = 1, depth = 30, shortestBudget } = parsed.options;
    const read = readModel(model, io.cwd);
    if (!read.scenario || hostless(read).length) return fail([...read.diagnostics, ...hostless(read)], io);
    const { rows, diagnostics } = runZoo(read.scenario, BUILTIN_PROPERTIES, {
      runs,
      seed,
      depth,
      maxStates: 3_000_000,
      exhaustive: true,
      shortestBudget,
      clock: () => performance.now(),
      onRow: (r) => {
        if (io.progress) io.err(`  ${r.mutant.id}: random ${r.random.verdict}, exhaustive ${r.exhaustive?.verdict}\n`);
      },
    });
    for (const d of diagnostics) io.err(diagnosticLine(d) + '\n');
    if (opts.json)
      io.out(
        JSON.stringify(
          {
            rows: rows.map((r) => ({
              mutant: r.mutant.id,
              breaks: r.mutant.breaks,
              scope: r.scope,
              random: {
                verdict: r.random.verdict,
                runs: r.random.runs,
                length: r.random.counterexample?.length ?? null,
                ...(r.random.counterexample?.shortest ? { shortest: r.random.counterexample.shortest } : {}),
              },
              exhaustive: r.exhaustive && { verdict: r.exhaustive.verdict, states: r.exhaustive.distinctStates, length: r.exhaustive.counterexample?.length ?? null },
            })),
          },
          null,
          2,
        ) + '\n',
      );
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
