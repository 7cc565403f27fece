import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildScenario, type ModelFile } from '../../../src/config/buildScenario.js';
import { lintScenario } from '../../../src/config/lint.js';
import { hasErrors } from '../../../src/core/diagnostic.js';
import { folderFiles } from './modelFiles.js';

/** A DNA-Center fabric (edge + border/control plane) as a model: the campus-fabric syntax. */
const SDA: ModelFile[] = [
  { path: 'fe-1.cfg', text: readFileSync('test/fixtures/config/sda-edge.cfg', 'utf8') },
  { path: 'bcp-1.cfg', text: readFileSync('test/fixtures/config/sda-border.cfg', 'utf8') },
  { path: 'scenario.yaml', text: 'name: sda\nhosts:\n  - { name: pc1, ip: 10.4.10.20, mac: 0050.5600.0001, at: fe-1 Vlan1021 }\n' },
];
const MODELS = [...['models/seed-lab', 'models/three-site', 'models/extended-subnet', 'test/fixtures/config/two-vrfs-same-prefix'].map(folderFiles), SDA];
const TOKENS = [
  'router',
  'lisp',
  'interface',
  'GigabitEthernet2',
  'mobility',
  'exit',
  '!',
  'locator-set',
  'eid-table',
  'instance-id',
  'database-mapping',
  'dynamic-eid',
  'site',
  'eid-prefix',
  'accept-more-specifics',
  'ipv4',
  'etr',
  'map-server',
  'key',
  '7',
  'standby',
  'ip',
  'address',
  'no',
  'proxy-arp',
  '10.0.3.1',
  '192.168.1.0/24',
  '255.255.255.0',
  'hosts:',
  '- name:',
  'at:',
  'moves:',
  '[',
  ']',
  '{',
  '}',
  ':',
  '&a',
  '*a',
  '#',
  '"',
  "'",
  '\t',
  '99999999999999999999',
  '1e400',
  '-1',
  '4294967296',
  '.inf',
  'NaN',
  '0x10',
  '255.255.255.256',
  'service',
  'ethernet',
  'exit-service-ethernet',
  'exit-instance-id',
  'vrf',
  'RED',
  'forwarding',
  'default',
  'vlan',
  '4097',
  '8188',
  'source-locator',
  'Loopback0',
  'any-mac',
  'eid-record',
  'away-eids',
  'send-map-request',
  'proxy-itr',
  'remote-rloc-probe',
  'mac',
];
/** Well-formed snippets of the newer syntax, inserted anywhere (often in the wrong mode). */
const SNIPPETS = [
  ' instance-id 4098\n  dynamic-eid servers\n   database-mapping 192.168.1.0/24 locator-set west_dc\n   exit-dynamic-eid\n  service ipv4\n   eid-table vrf BLUE\n   exit-service-ipv4\n  exit-instance-id',
  ' instance-id 8188\n  service ethernet\n   eid-table vlan 1021\n   broadcast-underlay 239.0.17.1\n   flood arp-nd\n   database-mapping mac locator-set west_dc\n   exit-service-ethernet\n  exit-instance-id',
  ' eid-table vrf RED instance-id 4097\n  dynamic-eid red\n   database-mapping 10.1.1.0/24 locator-set west_dc\n   exit\n  exit',
  ' router lisp\n  ipv4 source-locator Loopback0\n  no map-cache away-eids send-map-request\n  exit-router-lisp',
  'interface Vlan101\n vrf forwarding RED\n ip address 10.1.1.1 255.255.255.0\n lisp mobility red',
  '  eid-record instance-id 4097 10.1.1.0/24 accept-more-specifics\n  eid-record instance-id 8188 any-mac\n  allow-locator-default-etr instance-id 4097 ipv4',
  ' service ipv4\n  eid-table default\n  map-cache 0.0.0.0/0 map-request\n  route-export site-registrations\n  distance site-registrations 250',
];
const garbage = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 8 }).map((t) => t.join(' ')),
  fc.tuple(fc.nat({ max: 4 }), fc.array(fc.constantFrom(...TOKENS), { maxLength: 6 })).map(([n, t]) => ' '.repeat(n) + t.join(' ')),
);
const HUGE = ['99999999999999999999', '1e400', '-1', '4294967296', '.inf', '0', '65536', '3.5'];
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: garbage }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('number' as const), at: fc.nat(), text: fc.constantFrom(...HUGE) }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...SNIPPETS) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const i = m.at % Math.max(1, lines.length);
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'swap': {
      const j = m.to % Math.max(1, lines.length);
      [lines[i], lines[j]] = [lines[j], lines[i]];
      break;
    }
    case 'insert':
      lines.splice(i, 0, m.text);
      break;
    case 'delete':
      lines.splice(i, 1);
      break;
    case 'number':
      lines[i] = (lines[i] ?? '').replace(/\d+(\.\d+)*/, m.text);
      break;
    case 'indent':
      lines[i] = m.by >= 0 ? ' '.repeat(m.by) + (lines[i] ?? '') : (lines[i] ?? '').slice(-m.by);
      break;
  }
  return lines.join('\n');
}

describe('buildScenario (fuzzed input)', () => {
  // No timing assertion here (speed is measured in `npm run bench`); a hang still fails the test
  // through vitest's timeout.
  it('should never throw and return a scenario or at least one error', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 6 }), (which, muts) => {
        const files: ModelFile[] = MODELS[which % MODELS.length].map((f) => ({ ...f }));
        for (const [k, m] of muts) {
          const f = files[k % files.length];
          f.text = mutate(f.text, m);
        }
        const r = buildScenario({ dir: 'fuzz', files });
        expect(r.scenario === undefined).toBe(hasErrors(r.diagnostics));
        for (const d of r.diagnostics) {
          expect(d.code).toMatch(/^RC[23]\d\d$/);
          // Every finding says where: a file always, and a line for anything found in a router config.
          expect(d.file, d.message).toBeTruthy();
          if (d.file?.endsWith('.cfg')) expect(d.line, d.message).toBeGreaterThanOrEqual(1);
        }
        if (r.scenario) for (const d of lintScenario(r.scenario, r.sources)) expect(d.code).toMatch(/^RC3\d\d$/);
      }),
      { seed: 20250617, numRuns: 300 },
    );
  });
});
