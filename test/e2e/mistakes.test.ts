import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { removeTempDirs, ROOT, runMain, tempDir } from './cliHarness.js';

// Issue 7: a configuration mistake on the site a host moves to is never excused. Each fixture is
// models/seed-lab with exactly one injected mistake and one move; `check` must report
// single-authoritative-rloc and eventual-reachability violated with the mistake named in the
// counterexample, and `lint` must name it too.
const mistake = (name: string) => join(ROOT, 'test', 'fixtures', 'mistakes', name);

interface Case {
  name: string;
  /** What the violation sentence must say (the cause, from diagnoseRegistration). */
  cause: RegExp;
  /** The lint finding that names the same mistake; `check` carries lint's errors, not its warnings. */
  lint: { code: string; text: RegExp; severity: 'error' | 'warning' };
}

const CASES: Case[] = [
  {
    name: 'key-mismatch',
    cause: /dcedge-2's `etr map-server 10\.0\.3\.1 key` does not match the authentication-key of site datacenters/,
    lint: { code: 'RC310', text: /differs from the authentication-key/, severity: 'error' },
  },
  {
    name: 'gateway-mac-mismatch',
    cause: /no interface on vm1's segment owns 0000\.0d0e\.010c, the MAC vm1 has cached for its gateway 192\.168\.1\.1/,
    lint: { code: 'RC313', text: /share no gateway MAC/, severity: 'warning' },
  },
  {
    name: 'no-lisp-mobility',
    cause: /dcedge-2 GigabitEthernet2 has no `lisp mobility west_dc`/,
    lint: { code: 'RC314', text: /no lisp mobility covering it/, severity: 'error' },
  },
  {
    name: 'no-dynamic-eid',
    cause: /dcedge-2 has no dynamic-EID covering 192\.168\.1\.10/,
    lint: { code: 'RC314', text: /define a dynamic-eid on dcedge-2/, severity: 'error' },
  },
  {
    name: 'no-accept-more-specifics',
    cause: /lists `eid-prefix 192\.168\.1\.0\/24` without `accept-more-specifics`/,
    lint: { code: 'RC312', text: /has no accept-more-specifics/, severity: 'error' },
  },
];

interface JsonReport {
  properties: { id: string; verdict: string; vacuous: boolean; counterexample: { message: string } | null }[];
  diagnostics: { code: string; severity: string }[];
}

afterAll(removeTempDirs);

describe('check on injected-mistake models', () => {
  it.each(CASES)(
    'should report both properties violated with the cause named: $name',
    async ({ name, cause, lint }) => {
      // Verdicts and causes: the search for shorter stories gets a small budget (the default's costs tens of seconds here).
      const r = await runMain(
        ['check', mistake(name), '-p', 'single-authoritative-rloc', '-p', 'eventual-reachability', '-n', '3000', '--shortest-budget', '1000', '--json', '--trace-dir', tempDir()],
        ROOT,
      );

      expect(r.code).toBe(1);
      const doc = JSON.parse(r.out) as JsonReport;
      for (const id of ['single-authoritative-rloc', 'eventual-reachability']) {
        const p = doc.properties.find((x) => x.id === id)!;
        expect(p.verdict, id).toBe('violated');
        expect(p.counterexample!.message, id).toMatch(cause);
      }
      const errors = doc.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
      expect(errors.includes(lint.code)).toBe(lint.severity === 'error');
    },
    120_000,
  );

  it.each(CASES)('should have lint name the same mistake: $name', async ({ name, lint }) => {
    const r = await runMain(['lint', mistake(name), '--json'], ROOT);

    expect(r.code).toBe(1);
    const found = (JSON.parse(r.out) as { diagnostics: { code: string; severity: string; message: string; hint: string | null }[] }).diagnostics.filter((d) => d.code === lint.code);
    expect(found.some((d) => d.severity === lint.severity && lint.text.test(`${d.message} ${d.hint ?? ''}`))).toBe(true);
  });

  it('should find neither property violated on the seed lab without the mistake (same bounds, ordered registrations)', async () => {
    const r = await runMain(
      [
        'check',
        join(ROOT, 'models', 'seed-lab'),
        '-p',
        'single-authoritative-rloc',
        '-p',
        'eventual-reachability',
        '--bounds',
        'moves=1',
        '--set',
        'registration=timestamped',
        '-n',
        '1000',
        '--json',
        '--trace-dir',
        tempDir(),
      ],
      ROOT,
    );

    expect(r.code).toBe(0);
    for (const p of (JSON.parse(r.out) as JsonReport).properties) {
      expect(p.verdict, p.id).toBe('holds');
      expect(p.vacuous, p.id).toBe(false);
    }
  }, 120_000);
});

describe('check --strict', () => {
  it('should exit 2 on a model with a lint error, naming it, and check nothing', async () => {
    const r = await runMain(['check', mistake('key-mismatch'), '--strict', '-n', '10', '--trace-dir', tempDir()], ROOT);

    expect(r.code).toBe(2);
    expect(r.err).toMatch(/error RC310: dcedge-2: the key of `etr map-server 10\.0\.3\.1` differs/);
    expect(r.out).toBe('');
  });

  it('should print lint errors before the verdicts without --strict', async () => {
    const r = await runMain(['check', mistake('key-mismatch'), '-p', 'registration-authenticated', '-n', '10', '--trace-dir', tempDir()], ROOT);

    expect(r.code).toBe(0);
    const lintAt = r.out.indexOf('error RC310');
    expect(lintAt).toBeGreaterThanOrEqual(0);
    expect(lintAt).toBeLessThan(r.out.indexOf('roamcheck: model mistake-key-mismatch'));
  });

  it('should run as before on a model without lint errors', async () => {
    const r = await runMain(['check', '--strict', '-p', 'registration-authenticated', '-n', '10', '--trace-dir', tempDir()], ROOT);

    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^roamcheck: model seed-lab/);
  });
});

describe('check --json vacuity fields', () => {
  it('should give every property report vacuous and vacuityReason', async () => {
    const r = await runMain(['check', '--bounds', 'moves=0', '-p', 'eventual-reachability', '-p', 'registration-authenticated', '-n', '50', '--json', '--trace-dir', tempDir()], ROOT);

    expect(r.code).toBe(0);
    const props = (JSON.parse(r.out) as { properties: { id: string; verdict: string; vacuous: boolean; vacuityReason: string | null }[] }).properties;
    expect(props.map(({ id, verdict, vacuous, vacuityReason }) => ({ id, verdict, vacuous, vacuityReason }))).toEqual([
      { id: 'eventual-reachability', verdict: 'holds', vacuous: true, vacuityReason: 'no host moved' },
      { id: 'registration-authenticated', verdict: 'holds', vacuous: false, vacuityReason: null },
    ]);
  });
});
