import { describe, expect, it } from 'vitest';
import { lintScenario } from '../../../src/config/lint.js';
import { readModel } from '../../../src/cli/readModel.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';

/** Load a model folder (must load cleanly) and lint it. */
function lintFolder(dir: string) {
  const read = readModel(dir, process.cwd());
  expect(read.diagnostics, dir).toEqual([]);
  if (!read.scenario) throw new Error(`${dir} did not load`);
  return lintScenario(read.scenario, read.sources);
}
const findings = (ds: ReturnType<typeof lintFolder>) => [...new Set(ds.filter((d) => d.severity !== 'info').map((d) => d.code))].sort();

describe('lintScenario', () => {
  it('should find nothing wrong on the seed lab, only the expected intra-subnet note', () => {
    const ds = lintFolder('models/seed-lab');
    expect(ds).toEqual([expect.objectContaining({ severity: 'info', code: 'RC319', file: 'models/seed-lab/scenario.yaml', line: 12 })]);
    // The embedded SEED_LAB (no sources) gives the same finding, without lines.
    expect(lintScenario(SEED_LAB).map((d) => d.code)).toEqual(['RC319']);
  });

  it.each([
    ['key-mismatch', ['RC310'], 'dcedge-2.cfg', 35],
    ['eid-not-covered', ['RC311'], 'dcedge-1.cfg', 22],
    ['no-accept-more-specifics', ['RC312'], 'core.cfg', 25],
    ['gateway-mac-mismatch', ['RC313'], 'dcedge-2.cfg', 10],
    ['move-without-mobility', ['RC314', 'RC322'], 'scenario.yaml', 13],
    ['unknown-targets', ['RC315', 'RC316', 'RC317'], 'dcedge-1.cfg', 35],
    ['no-proxy-reply', ['RC318'], 'dcedge-1.cfg', 13],
  ])('should find %s', (fixture, codes, file, line) => {
    const ds = lintFolder(`test/fixtures/lint/${fixture}`);
    expect(findings(ds)).toEqual(codes);
    const first = ds.find((d) => d.code === codes[0]);
    expect(first).toMatchObject({ file: `test/fixtures/lint/${fixture}/${file}`, line });
    expect(ds.every((d) => d.hint && d.message && d.file)).toBe(true);
  });

  it('should explain what is wrong and what to change', () => {
    const [d] = lintFolder('test/fixtures/lint/no-accept-more-specifics').filter((x) => x.code === 'RC312');
    expect(d.message).toContain('eid-prefix 192.168.1.0/24 has no accept-more-specifics');
    expect(d.hint).toBe('write `eid-prefix 192.168.1.0/24 accept-more-specifics`');
    const t = lintFolder('test/fixtures/lint/unknown-targets').filter((x) => x.code === 'RC317');
    expect(t.map((x) => x.message)).toEqual([
      'dcedge-1: use-petr target 10.0.3.9 is not an address of any router in the model',
      'dcedge-2: use-petr target 10.0.3.1 belongs to core, which is not configured as one',
    ]);
  });

  it('should find no error or warning on the models meant to be right, and F8 on its model', () => {
    for (const m of ['seed-lab-fixed', 'three-site', 'extended-subnet']) expect(findings(lintFolder(`models/${m}`)), m).toEqual([]);
    expect(findings(lintFolder('models/missing-accept-more-specifics'))).toEqual(['RC312']);
  });
});
