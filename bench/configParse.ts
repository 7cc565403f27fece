// Benchmark: loading the seed lab with a 4 MB dcedge-1.cfg in each shape of bigConfig.ts (the
// config parser must stay linear: issue 8), and linting it. NOT PURE: timing and stdout.
// `npx tsc -p tsconfig.json && node dist/bench/configParse.js [MiB, default 4]`

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildScenario, type ModelFile } from '../src/config/buildScenario.js';
import { lintScenario } from '../src/config/lint.js';
import { BIG_SHAPES, bigConfig } from './bigConfig.js';

const dir = fileURLToPath(new URL('../../models/seed-lab/', import.meta.url));
const mib = Number(process.argv[2] ?? 4);
const files = (name: string): ModelFile[] =>
  ['scenario.yaml', 'core.cfg', 'dcedge-2.cfg'].map((p) => ({ path: p, text: readFileSync(join(dir, p), 'utf8') })).concat({ path: 'dcedge-1.cfg', text: name });

for (const shape of BIG_SHAPES) {
  const { text, units } = bigConfig(readFileSync(join(dir, 'dcedge-1.cfg'), 'utf8'), shape, mib * 1024 * 1024);
  const t0 = performance.now();
  const built = buildScenario({ dir: 'seed-lab', files: files(text) });
  const t1 = performance.now();
  const lint = built.scenario ? lintScenario(built.scenario, built.sources) : [];
  const t2 = performance.now();
  console.log(
    `${shape.padEnd(12)} ${(text.length / 2 ** 20).toFixed(1)} MiB, ${units} units: load ${Math.round(t1 - t0)} ms, lint ${Math.round(t2 - t1)} ms (${built.scenario ? 'scenario' : 'no scenario'}, ${built.diagnostics.length + lint.length} diagnostics)`,
  );
}
