// A 4 MB router config loads completely and correctly (issue 8: a 3.9 MB config once took over two
// minutes through linear look-ups in the parser). No timing assertion here: bench/configParse.ts
// measures; a quadratic parser would make this test time out rather than fail.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIG_SHAPES, bigConfig, type BigShape } from '../../../bench/bigConfig.js';
import { buildScenario } from '../../../src/config/buildScenario.js';
import { folderFiles } from './modelFiles.js';

const SEED = 'models/seed-lab';
const FOUR_MB = 4 * 1024 * 1024;

function load(shape: BigShape, bytes: number) {
  const big = bigConfig(readFileSync(`${SEED}/dcedge-1.cfg`, 'utf8'), shape, bytes);
  const files = folderFiles(SEED).map((f) => (f.path === 'dcedge-1.cfg' ? { ...f, text: big.text } : f));
  const r = buildScenario({ dir: SEED, files });
  return { ...r, units: big.units, text: big.text, router: r.scenario?.routers.find((x) => x.name === 'dcedge-1') };
}

describe('buildScenario on a 4 MB config', () => {
  it('should load 4 MB of interfaces and keep every one with its address', () => {
    const r = load('interfaces', FOUR_MB);

    expect(r.text.length).toBeGreaterThanOrEqual(FOUR_MB);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.router?.interfaces).toHaveLength(r.units + 2);
    const last = r.router!.interfaces.find((i) => i.name === `Loopback${r.units - 1}`);
    expect(last).toMatchObject({ prefixLength: 32 });
    expect(last?.address).toMatch(/^172\.\d+\.\d+\.\d+$/);
  });

  it('should load 4 MB of repeated `lisp mobility` lines on one interface as one policy', () => {
    const r = load('mobility', FOUR_MB);

    expect(r.text.length).toBeGreaterThanOrEqual(FOUR_MB);
    expect(r.router?.interfaces.find((i) => i.name === 'GigabitEthernet2')?.mobility).toEqual(['east_dc', 'west_dc']);
  });

  it.each(BIG_SHAPES.filter((s) => s === 'dynamicEids' || s === 'mapServers'))('should load 1 MB of %s, each one kept', (shape) => {
    const r = load(shape, 1024 * 1024);

    expect(r.scenario).toBeDefined();
    if (shape === 'dynamicEids') expect(r.router?.dynamicEids).toHaveLength(r.units + 2);
    else expect(r.router?.mapServers).toHaveLength(r.units + 1);
  });
});
