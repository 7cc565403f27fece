import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildScenario, type ModelFile } from '../../../src/config/buildScenario.js';
import { hasErrors } from '../../../src/core/diagnostic.js';
import { folderFiles } from './modelFiles.js';

const MODELS = ['models/seed-lab', 'models/three-site', 'models/extended-subnet'].map(folderFiles);
const TOKENS = ['router', 'lisp', 'interface', 'GigabitEthernet2', 'mobility', 'exit', '!', 'locator-set', 'eid-table', 'instance-id',
  'database-mapping', 'dynamic-eid', 'site', 'eid-prefix', 'accept-more-specifics', 'ipv4', 'etr', 'map-server', 'key', '7', 'standby',
  'ip', 'address', 'no', 'proxy-arp', '10.0.3.1', '192.168.1.0/24', '255.255.255.0', 'hosts:', '- name:', 'at:', 'moves:', '[', ']', '{', '}',
  ':', '&a', '*a', '#', '"', "'", '\t', '99999999999999999999', '1e400', '-1', '4294967296', '.inf', 'NaN', '0x10', '255.255.255.256'];
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
  it('should never throw and return a scenario or at least one error, quickly', () => {
    const started = Date.now();
    let slowest = 0;
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 6 }), (which, muts) => {
        const files: ModelFile[] = MODELS[which % MODELS.length].map((f) => ({ ...f }));
        for (const [k, m] of muts) {
          const f = files[k % files.length];
          f.text = mutate(f.text, m);
        }
        const t0 = Date.now();
        const r = buildScenario({ dir: 'fuzz', files });
        slowest = Math.max(slowest, Date.now() - t0);
        expect(r.scenario === undefined).toBe(hasErrors(r.diagnostics));
        for (const d of r.diagnostics) expect(d.code).toMatch(/^RC[23]\d\d$/);
      }),
      { seed: 20250617, numRuns: 300 },
    );
    expect(slowest).toBeLessThan(250);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
