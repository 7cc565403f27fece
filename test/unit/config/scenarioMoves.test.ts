import { describe, expect, it } from 'vitest';
import { buildScenario } from '../../../src/config/buildScenario.js';
import { parseScenarioYaml } from '../../../src/config/parseScenarioYaml.js';
import { applyOverrides } from '../../../src/core/overrides.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { folderFiles } from './modelFiles.js';

const at = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const build = (yaml: string) => buildScenario({ dir: 'models/seed-lab', files: [...folderFiles('models/seed-lab').filter((f) => f.path !== 'scenario.yaml'), { path: 'scenario.yaml', text: yaml }] });

/** vm1 at dcedge-1 and vm2 at dcedge-2, each allowed on the other site, each moving at most once. */
const TWO_VMS = `hosts:
  - name: vm1
    ip: 192.168.1.10
    mac: 0050.5600.0010
    at: dcedge-1 GigabitEthernet2
    moves: { to: [dcedge-2 GigabitEthernet2], max: 1 }
  - name: vm2
    ip: 192.168.2.10
    mac: 0050.5600.0030
    at: dcedge-2 GigabitEthernet2
    moves: { to: [dcedge-1 GigabitEthernet2], max: 1 }
  - name: web2
    ip: 192.168.1.20
    mac: 0050.5600.0020
    at: dcedge-1 GigabitEthernet2
    moves: [dcedge-2 GigabitEthernet2]
`;

describe('scenario.yaml: moves as users plan them', () => {
  it('should read per-host budgets, groups and settleBeforeMove', () => {
    // Arrange
    const yaml = `${TWO_VMS}together:
  - { vm1: dcedge-2 GigabitEthernet2, vm2: dcedge-1 GigabitEthernet2 }
bounds: { moves: 2, settleBeforeMove: true }
`;
    // Act
    const r = build(yaml);
    // Assert
    expect(r.diagnostics).toEqual([]);
    const s = r.scenario!;
    expect(s.hosts.map((h) => [h.name, h.moveMax, h.moves.map((m) => m.router)])).toEqual([
      ['vm1', 1, ['dcedge-2']],
      ['vm2', 1, ['dcedge-1']],
      ['web2', undefined, ['dcedge-2']],
    ]);
    expect(s.hosts[2]).not.toHaveProperty('moveMax');
    expect(s.together).toEqual([
      {
        moves: [
          { host: 'vm1', to: { router: 'dcedge-2', iface: 'GigabitEthernet2' } },
          { host: 'vm2', to: { router: 'dcedge-1', iface: 'GigabitEthernet2' } },
        ],
        source: { file: 'models/seed-lab/scenario.yaml', line: at(yaml, '- { vm1') },
      },
    ]);
    expect(s.bounds.settleBeforeMove).toBe(true);
  });

  it('should leave a scenario without the new keys as it was', () => {
    const r = build(TWO_VMS);
    expect(r.scenario).not.toHaveProperty('together');
    expect(r.scenario?.bounds).not.toHaveProperty('settleBeforeMove');
  });

  it('should report bad forms with their lines (YAML level)', () => {
    const text = `hosts:
  - name: vm1
    moves: { to: [a Gi2], max: -1 }
  - name: vm2
    moves: { max: 2, most: 1 }
  - name: vm3
    moves: a Gi2
together:
  - { vm1: a Gi2 }
  - [vm1, vm2]
bounds: { settleBeforeMove: maybe }
`;
    const r = parseScenarioYaml(text, 'scenario.yaml');
    const got = r.diagnostics.filter((d) => !d.message.includes('is missing "ip"') && !d.message.includes('"mac"') && !d.message.includes('"at"'));
    expect(got.map((d) => [d.code, d.line, d.message])).toEqual([
      ['RC221', at(text, 'max: -1'), '"hosts[0].moves.max" must be an integer from 0 to 1000000'],
      ['RC222', at(text, 'max: 2'), 'unknown key "most" in "hosts[1].moves"'],
      ['RC223', at(text, 'max: 2'), '"hosts[1].moves" is missing "to"'],
      ['RC221', at(text, 'moves: a Gi2'), '"hosts[2].moves" must be a list'],
      ['RC221', at(text, '{ vm1: a Gi2 }'), '"together[0]" must name at least two hosts'],
      ['RC221', at(text, '[vm1, vm2]'), '"together[1]" must be a mapping (key: value)'],
      ['RC221', at(text, 'settleBeforeMove'), '"bounds.settleBeforeMove" must be true or false'],
    ]);
    expect(got.every((d) => d.severity === 'error' && d.file === 'scenario.yaml' && d.hint)).toBe(true);
  });

  it("should report unknown hosts, destinations outside a host's places and a host in two groups (RC305, RC324)", () => {
    const yaml = `${TWO_VMS}together:
  - { vm1: dcedge-2 GigabitEthernet2, vm9: dcedge-1 GigabitEthernet2 }
  - { vm2: core FastEthernet0/1, web2: dcedge-9 GigabitEthernet2 }
  - { web2: dcedge-2 GigabitEthernet2, vm1: dcedge-1 GigabitEthernet2 }
`;
    const r = build(yaml);
    expect(r.scenario).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.line, d.severity, d.message])).toEqual([
      ['RC305', at(yaml, 'vm9'), 'error', '"together[0]" names no host "vm9"'],
      ['RC324', at(yaml, 'core FastEthernet0/1'), 'error', '"together[1]" moves vm2 to core FastEthernet0/1, which is not one of its places'],
      ['RC301', at(yaml, 'dcedge-9'), 'error', 'unknown router "dcedge-9" in "together[1].web2"'],
      ['RC324', at(yaml, '- { web2'), 'error', 'host web2 is in "together[1]" and in "together[2]"'],
      ['RC324', at(yaml, '- { web2'), 'error', 'host vm1 is in "together[0]" and in "together[2]"'],
    ]);
    expect(r.diagnostics.every((d) => d.file === 'models/seed-lab/scenario.yaml' && d.hint)).toBe(true);
    expect(r.diagnostics[1].hint).toBe('add it to the moves of host vm2 (now: dcedge-1 GigabitEthernet2)');
  });

  it('should warn about a group larger than the moves budget', () => {
    const yaml = `${TWO_VMS}together:
  - { vm1: dcedge-2 GigabitEthernet2, vm2: dcedge-1 GigabitEthernet2 }
bounds: { moves: 1 }
`;
    const r = build(yaml);
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([['RC324', 'warning', '"together[0]" moves 2 hosts at once but bounds.moves is 1: it can never happen']]);
    expect(r.scenario?.together).toHaveLength(1);
  });
});

describe('applyOverrides: settleBeforeMove', () => {
  it('should set it from --bounds and --set', () => {
    expect(applyOverrides(SEED_LAB, { bounds: ['moves=1,settleBeforeMove=true'] }).scenario?.bounds).toMatchObject({ moves: 1, settleBeforeMove: true });
    expect(applyOverrides(SEED_LAB, { sets: ['bounds.settleBeforeMove=yes'] }).scenario?.bounds.settleBeforeMove).toBe(true);
    expect(applyOverrides({ ...SEED_LAB, bounds: { ...SEED_LAB.bounds, settleBeforeMove: true } }, { bounds: ['settleBeforeMove=false'] }).scenario?.bounds.settleBeforeMove).toBe(false);
  });

  it('should reject values that are not true or false', () => {
    expect(applyOverrides(SEED_LAB, { bounds: ['settleBeforeMove=2'] }).diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['RC102', '--bounds: "settleBeforeMove" must be true or false, got "2"'],
    ]);
    expect(applyOverrides(SEED_LAB, { sets: ['bounds.settleBeforeMove=maybe'] }).diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['RC103', '--set bounds.settleBeforeMove: must be true or false, got "maybe"'],
    ]);
    expect(applyOverrides(SEED_LAB, { bounds: ['moves=x'] }).diagnostics[0].message).toBe('--bounds: "moves" must be a whole number from 0 to 1000000 or inf, got "x"');
  });
});
