import { describe, expect, it } from 'vitest';
import { buildScenario } from '../../../src/config/buildScenario.js';
import { lintScenario } from '../../../src/config/lint.js';
import { compileTopology } from '../../../src/core/world/topology.js';
import { folderFiles } from './modelFiles.js';

/** A border that sorts before `core` and claims core's loopback as its proxy-itr locator. */
const A_BORDER = `hostname a-border
!
interface Loopback0
 ip address 10.0.9.1 255.255.255.255
!
router lisp
 ipv4 map-server
 ipv4 map-resolver
 ipv4 proxy-itr 10.0.3.1
 ipv4 itr map-resolver 10.0.9.1
 exit
!
end
`;
const seedWithBorder = (editCore: (t: string) => string = (t) => t) => [
  ...folderFiles('models/seed-lab').map((f) => (f.path === 'core.cfg' ? { ...f, text: editCore(f.text) } : f)),
  { path: 'a-border.cfg', text: A_BORDER },
];

describe('checkAddressOwnership', () => {
  it('should report an address on two routers as an error and a foreign proxy-itr as a warning, each with both places', () => {
    const dir = 'test/fixtures/config/duplicate-address';
    const r = buildScenario({ dir, files: folderFiles(dir) });
    expect(r.scenario).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.file, d.line])).toEqual([
      ['error', 'RC309', `${dir}/dcedge-2.cfg`, 5],
      ['warning', 'RC309', `${dir}/core.cfg`, 34],
    ]);
    expect(r.diagnostics[0].message).toContain(`(${dir}/dcedge-1.cfg:5)`);
    expect(r.diagnostics[1].message).toContain(`dcedge-1 GigabitEthernet1 (${dir}/dcedge-1.cfg:5)`);
  });

  it('should accept anycast gateways and one address reused in two VRFs', () => {
    const dir = 'test/fixtures/config/two-vrfs-same-prefix';
    expect(buildScenario({ dir, files: folderFiles(dir) }).diagnostics).toEqual([]);
  });

  it('should accept one address with one configured MAC on several routers (an anycast gateway not in LISP yet)', () => {
    const dir = 'test/fixtures/config/duplicate-address';
    const sameMac = folderFiles(dir).map((f) => ({
      ...f,
      text: f.text.replace(' description Border1\n', ' mac-address 0000.0c9f.0001\n').replace(' description Border2\n', ' mac-address 0000.0c9f.0001\n'),
    }));
    const r = buildScenario({ dir, files: sameMac });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('should warn, not fail, for one address on two routers that LISP never sends to (locally significant)', () => {
    const dir = 'models/seed-lab';
    const local = '!\ninterface VirtualPortGroup0\n ip address 192.168.35.101 255.255.255.0\n!\n';
    const files = folderFiles(dir).map((f) => (f.path === 'dcedge-1.cfg' || f.path === 'dcedge-2.cfg' ? { ...f, text: f.text.replace('\nrouter lisp', `\n${local}router lisp`) } : f));
    const r = buildScenario({ dir, files });
    expect(r.scenario).toBeDefined();
    expect(r.diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'RC309']]);
  });

  it('should give an address to its interface owner whatever the router names, in the world and in lint alike', () => {
    const r = buildScenario({ dir: 'm', files: seedWithBorder() });
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.file])).toEqual([['warning', 'RC309', 'm/a-border.cfg']]);
    if (!r.scenario) throw new Error('did not load');
    expect(compileTopology(r.scenario).owner.get('10.0.3.1')).toBe('core');
    expect(lintScenario(r.scenario, r.sources).filter((d) => d.code === 'RC316')).toEqual([]);
    // Without the MR role on core, the map-resolver 10.0.3.1 of the xTRs is core's, not a-border's.
    const noMr = buildScenario({ dir: 'm', files: seedWithBorder((t) => t.replace(' ipv4 map-resolver\n', '')) });
    if (!noMr.scenario) throw new Error('did not load');
    const rc316 = lintScenario(noMr.scenario, noMr.sources).filter((d) => d.code === 'RC316');
    expect(rc316.map((d) => d.message)).toEqual([
      'core: map-resolver 10.0.3.1 belongs to core, which is not configured as one',
      'dcedge-1: map-resolver 10.0.3.1 belongs to core, which is not configured as one',
      'dcedge-2: map-resolver 10.0.3.1 belongs to core, which is not configured as one',
    ]);
  });
});
