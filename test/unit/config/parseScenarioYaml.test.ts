import { describe, expect, it } from 'vitest';
import { parseScenarioYaml } from '../../../src/config/parseScenarioYaml.js';

const at = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('parseScenarioYaml', () => {
  it('should report every problem of the file at once, each with its line', () => {
    const text = `name: bad
hots: []
hosts:
  - name: vm1
    ip: 192.168.1.300
    mac: 0050.5600.0010
    at: dcedge-1 GigabitEthernet2
    gatway: 192.168.1.1
  - name: vm2
    mac: nope
    at: dcedge-1 GigabitEthernet2
bounds: { moves: -1, maxLatency: .inf, steps: 1.5 }
registration: newest-wins
`;
    const r = parseScenarioYaml(text, 'scenario.yaml');
    const got = r.diagnostics.map((d) => [d.code, d.line, d.message]);
    expect(got).toEqual([
      ['RC222', at(text, 'hots'), 'unknown key "hots" at the top level'],
      ['RC221', at(text, '192.168.1.300'), '"hosts[0].ip" must be an IPv4 address'],
      ['RC222', at(text, 'gatway'), 'unknown key "gatway" in "hosts[0]"'],
      ['RC223', at(text, 'name: vm2'), '"hosts[1]" is missing "ip"'],
      ['RC221', at(text, 'mac: nope'), '"hosts[1].mac" must be a MAC address in Cisco dotted form'],
      ['RC221', at(text, 'bounds'), '"bounds.moves" must be an integer from 0 to 1000000 or .inf / unlimited'],
      ['RC221', at(text, 'bounds'), '"bounds.steps" must be an integer from 1 to 10000'],
      ['RC221', at(text, 'registration'), '"registration" must be one of last-writer, refresh-bit, timestamped'],
    ]);
    expect(r.diagnostics.every((d) => d.severity === 'error' && d.file === 'scenario.yaml' && d.hint)).toBe(true);
    expect(r.diagnostics[2].hint).toBe('did you mean "gateway"?');
    expect(r.doc.bounds.maxLatency).toBe(Infinity);
  });

  it('should report YAML syntax errors with their line', () => {
    const r = parseScenarioYaml('name: x\nhosts:\n  - name: [unclosed\n', 's.yaml');
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'RC220', file: 's.yaml' });
    expect(r.diagnostics[0].line).toBeGreaterThanOrEqual(3);
  });

  it('should read unlimited bounds, timer overrides, expectations and attachments', () => {
    const r = parseScenarioYaml(
      `timers: { hostArpReachable: 5, arpRetries: 2 }
bounds: { timerExpiries: unlimited, maxLatency: 0.5 }
expect: { intra-subnet-reachability: holds }
clients: [{ name: c, ip: 1.2.3.4, via: core }]
segments:
  - name: s
    interfaces: [a Vlan1, b Vlan1]
    isolated: true
`,
      's.yaml',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.doc.timers).toEqual({ hostArpReachable: 5, arpRetries: 2 });
    expect(r.doc.bounds).toEqual({ timerExpiries: Infinity, maxLatency: 0.5 });
    expect(r.doc.expect).toEqual([{ id: 'intra-subnet-reachability', verdict: 'holds', line: 3 }]);
    expect(r.doc.segments[0]).toMatchObject({
      name: 's',
      isolated: true,
      interfaces: [
        { router: 'a', iface: 'Vlan1' },
        { router: 'b', iface: 'Vlan1' },
      ],
    });
    expect(r.lines['segments[0].interfaces[1]']).toBe(7);
  });

  it('should reject a top level that is not a mapping and accept an empty file', () => {
    expect(parseScenarioYaml('- a\n- b\n', 's.yaml').diagnostics[0]).toMatchObject({ code: 'RC221', line: 1 });
    expect(parseScenarioYaml('', 's.yaml').diagnostics).toEqual([]);
  });
});
