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
    ['instance-ids', ['RC310', 'RC311', 'RC323'], 'edge-1.cfg', 58],
    ['dyn-eid-mapping-systems', ['RC320'], 'xtr-a2.cfg', 17],
    ['border-roles', ['RC321'], 'dcedge-1.cfg', 32],
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

  it('should check keys, coverage and accept-more-specifics per instance-id, and moves within one', () => {
    const ds = lintFolder('test/fixtures/lint/instance-ids');
    expect(ds.filter((d) => d.code === 'RC310').map((d) => d.message)).toEqual(
      ['edge-1', 'edge-2'].map(
        (e) =>
          `${e}: the key of \`etr map-server 10.0.0.1\` differs from the authentication-key of site blue on cp, which accepts its dynamic-eid pool-10_1_1_0 (10.1.1.0/24 in instance-id 4098); every Map-Register for it fails authentication (PROTOCOL.md F7)`,
      ),
    );
    expect(ds.filter((d) => d.code === 'RC311').map((d) => d.hint)).toEqual(['edge-1', 'edge-2'].map(() => 'add `eid-record instance-id 4099 10.2.2.0/24 accept-more-specifics` to a site on cp'));
    expect(ds.filter((d) => d.code === 'RC323')).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: 12,
        message: "red-vm (10.1.1.10, instance-id 4097) may move to edge-2 Vlan102, which is in instance-id 4098 (vrf BLUE): a move cannot change a host's EID table",
      }),
    ]);
  });

  it('should find nothing wrong with two VRFs that reuse one prefix, and word the intra-subnet note by the case', () => {
    const ds = lintFolder('test/fixtures/config/two-vrfs-same-prefix');
    expect(findings(ds)).toEqual([]);
    expect(ds.map((d) => d.message)).toEqual([
      expect.stringContaining('red-vm and red-db share 10.1.1.0/24; after red-vm moves to edge-2 Vlan101 (same subnet and anycast gateway at both xTRs, on separate L2 segments)'),
      expect.stringContaining('blue-vm and blue-db share 10.1.1.0/24; after blue-vm moves to edge-2 Vlan102 (same subnet and anycast gateway at both xTRs, on separate L2 segments)'),
    ]);
    expect(lintFolder('models/seed-lab')[0].message).toContain('after vm1 moves to dcedge-2 GigabitEthernet2 (an across-subnet move, ASM)');
  });
});
