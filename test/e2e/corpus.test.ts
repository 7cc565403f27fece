// Issue 7: published labs, loaded unedited (models/*/README.md give each source). With no move
// and no loss these networks worked on real gear, so intra-subnet reachability and a single
// authoritative RLOC must hold, and be judged (not vacuous); where a lab's published config has a
// real mistake, the verdict names it and lint reports it.

import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { isPublished, modelIds, ROOT, runMain, tempDir } from './cliHarness.js';

const WORKING = ['azure-lisp', 'azure-lisp-vakappas', 'vikas-lisp-overview', 'lispwb-basic-lab2', 'lispwb-basic-lab3', 'lispwb-expanded-lab4', 'lispwb-expanded-lab5', 'lispwb-expanded-lab7'];

interface Report {
  properties: { id: string; verdict: string; vacuous: boolean; counterexample: { message: string } | null }[];
}

async function still(id: string): Promise<Report> {
  const r = await runMain(
    ['check', join('models', id), '--bounds', 'moves=0,losses=0', '-p', 'intra-subnet-reachability', '-p', 'single-authoritative-rloc', '-n', '1000', '--json', '--trace-dir', tempDir()],
    ROOT,
  );
  return JSON.parse(r.out) as Report;
}

describe('published labs with no move and no loss', () => {
  it.each(WORKING)(
    'should hold intra-subnet reachability and a single authoritative RLOC, non-vacuously, on %s',
    async (id) => {
      const report = await still(id);
      expect(report.properties.map((p) => [p.id, p.verdict, p.vacuous])).toEqual([
        ['intra-subnet-reachability', 'holds', false],
        ['single-authoritative-rloc', 'holds', false],
      ]);
    },
    120_000,
  );

  it('should name the published mistake of arun-c8000v-l2ext (map-server on a router that is none) in the verdict and in lint', async () => {
    const report = await still('arun-c8000v-l2ext');
    const sar = report.properties.find((p) => p.id === 'single-authoritative-rloc')!;
    expect(sar.verdict).toBe('violated');
    expect(sar.counterexample!.message).toContain('vEDGE01 registers with 200.1.247.2 (`etr map-server`), which is no Map-Server of the model');
    const lint = await runMain(['lint', join('models', 'arun-c8000v-l2ext'), '--json'], ROOT);
    const codes = (JSON.parse(lint.out) as { diagnostics: { code: string; severity: string }[] }).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['RC315', 'RC316']));
  }, 120_000);

  it('should load every published lab without an error diagnostic', async () => {
    for (const id of [...WORKING, 'arun-c8000v-l2ext']) {
      const r = await runMain(['model', join('models', id)], ROOT);
      expect(r.code, `${id}: ${r.err}`).toBe(0);
      expect(r.err).not.toMatch(/ error RC/);
    }
  }, 120_000);
});

describe('published labs: models/*/ --expect', () => {
  const ids = modelIds().filter(isPublished);

  it('should hold at least eight published labs, among them every lab this file checks', () => {
    expect(ids.length).toBeGreaterThanOrEqual(8);
    expect(ids).toEqual(expect.arrayContaining([...WORKING, 'arun-c8000v-l2ext']));
  });

  it.each(ids)(
    'should match the expect block of %s',
    async (id) => {
      // Verdicts only: the search for shorter stories gets a small budget (the default's triples the time).
      const r = await runMain(['check', join('models', id), '--expect', '--shortest-budget', '1000', '--trace-dir', tempDir()], ROOT);
      expect(r.out).not.toMatch(/MISMATCH/);
      expect(r.code).toBe(0);
    },
    180_000,
  );
});
