// End-to-end tests of `roamcheck generate`: the same seed writes byte-identical folders, the
// folder loads without errors (lint) and `check` runs on it, and nothing is overwritten without
// --force. Small sizes here; the committed models/generated-32x256 is checked by models.test.ts.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateModel } from '../../src/config/generateModel.js';
import { listTree, modelDir, removeTempDirs, runMain, tempDir } from './cliHarness.js';

afterAll(removeTempDirs);

const read = (dir: string) => Object.fromEntries(listTree(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('roamcheck generate', () => {
  it('should write byte-identical folders for the same parameters and seed', async () => {
    const [a, b] = [join(tempDir(), 'm'), join(tempDir(), 'm')];
    const args = ['generate', '--sites', '5', '--hosts', '17', '--pitrs', '2', '--seed', '7'];
    expect((await runMain([...args, '-o', a], '/')).code).toBe(0);
    expect((await runMain([...args, '-o', b], '/')).code).toBe(0);
    const [fa, fb] = [read(a), read(b)];
    expect(Object.keys(fa)).toEqual(['README.md', 'msmr.cfg', 'pitr-1.cfg', 'pitr-2.cfg', 'scenario.yaml', 'xtr-01.cfg', 'xtr-02.cfg', 'xtr-03.cfg', 'xtr-04.cfg', 'xtr-05.cfg']);
    expect(fb).toEqual(fa);
  });

  it('should choose other moves for another seed', () => {
    const yaml = (seed: number) => generateModel({ sites: 6, hosts: 30, pitrs: 1, seed }).find((f) => f.name === 'scenario.yaml')!.text;
    expect(yaml(1)).not.toBe(yaml(2));
  });

  it.each([
    ['3 sites, 7 hosts, 1 PITR', ['--sites', '3', '--hosts', '7']],
    ['one site, no PITR', ['--sites', '1', '--hosts', '3', '--pitrs', '0']],
    ['4 sites, 9 hosts, no PITR', ['--sites', '4', '--hosts', '9', '--pitrs', '0', '--seed', '3']],
  ])('should load without errors or warnings (%s) and run check', async (_, size) => {
    const dir = join(tempDir(), 'model');
    expect((await runMain(['generate', ...size, '-o', dir], '/')).code).toBe(0);
    const lint = await runMain(['lint', dir], '/');
    expect(lint.out).toMatch(/0 errors, 0 warnings/);
    expect(lint.code).toBe(0);
    const check = await runMain(['check', dir, '-n', '30', '--trace-dir', tempDir()], '/');
    expect(check.err).toBe('');
    expect([0, 1]).toContain(check.code);
  });

  it('should not overwrite an existing folder without --force', async () => {
    const dir = tempDir();
    const r = await runMain(['generate', '--sites', '2', '--hosts', '2', '-o', dir], '/');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/RC236.*not overwritten/);
    expect(listTree(dir)).toEqual([]);
    expect((await runMain(['generate', '--sites', '2', '--hosts', '2', '-o', dir, '--force'], '/')).code).toBe(0);
    expect(listTree(dir)).toContain('scenario.yaml');
  });

  it.each([
    [['--hosts', '4'], /--sites is required/],
    [['--sites', '0', '--hosts', '4'], /--sites must be a whole number from 1/],
    [['--sites', '2', '--hosts', 'many'], /--hosts must be a whole number/],
    [['--sites', '2', '--hosts', '481'], /does not fit 2 sites/],
    [['--sites', '2', '--hosts', '4', '--pitrs', '-1'], /--pitrs must be/],
  ])('should reject %j with exit 2', async (args, message) => {
    const r = await runMain(['generate', ...args, '-o', join(tempDir(), 'x')], '/');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toMatch(/RC105/);
  });

  it('should be what models/generated-32x256 was written from (configs byte for byte; scenario up to its expect block)', () => {
    const files = generateModel({ sites: 32, hosts: 256, pitrs: 1, seed: 1 });
    const committed = read(modelDir('generated-32x256'));
    for (const f of files) {
      if (f.name.endsWith('.cfg')) expect(committed[f.name], f.name).toBe(f.text);
    }
    const yaml = files.find((f) => f.name === 'scenario.yaml')!.text;
    expect(committed['scenario.yaml'].startsWith(yaml)).toBe(true);
    expect(committed['scenario.yaml'].slice(yaml.length)).toMatch(/^expect:/m);
  });
});
