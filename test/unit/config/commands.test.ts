// lintCommand / modelCommand / readModel: the CLI side of the config loader (they live in src/cli
// but are tested with the loader they wrap).
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintCommand } from '../../../src/cli/lintCommand.js';
import { modelCommand } from '../../../src/cli/modelCommand.js';
import { readModel } from '../../../src/cli/readModel.js';
import type { Io } from '../../../src/cli/io.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { stripSources } from './modelFiles.js';

function capture(cwd = process.cwd()): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    cwd,
    color: false,
    progress: false,
    out: (s: string) => {
      io.stdout += s;
    },
    err: (s: string) => {
      io.stderr += s;
    },
  };
  return io;
}

describe('readModel', () => {
  it('should load the embedded seed lab from the package when no model is given', () => {
    const r = readModel(undefined, tmpdir());
    expect(r.diagnostics).toEqual([]);
    expect(stripSources(r.scenario)).toStrictEqual(stripSources(SEED_LAB));
    expect(r.dir?.endsWith(join('models', 'seed-lab'))).toBe(true);
  });

  it('should accept a scenario.yaml path as well as its folder', () => {
    expect(readModel('models/seed-lab/scenario.yaml', process.cwd()).scenario?.name).toBe('seed-lab');
  });

  it('should turn a missing folder or a missing scenario into diagnostics, not throws', () => {
    expect(readModel('models/does-not-exist', process.cwd()).diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'RC201' })]);
    const empty = mkdtempSync(join(tmpdir(), 'roamcheck-'));
    expect(readModel(empty, process.cwd()).diagnostics.map((d) => d.code)).toEqual(['RC202']);
  });

  it('should follow the routers globs into subfolders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'roamcheck-'));
    writeFileSync(join(dir, 'scenario.yaml'), 'name: sub\nrouters: ["configs/*.cfg"]\n');
    mkdirSync(join(dir, 'configs'));
    for (const f of ['core', 'dcedge-1', 'dcedge-2']) copyFileSync(`models/seed-lab/${f}.cfg`, join(dir, 'configs', `${f}.cfg`));
    const r = readModel(dir, dir);
    expect(r.diagnostics).toEqual([]);
    expect(r.scenario?.routers.map((x) => x.file)).toEqual(['configs/core.cfg', 'configs/dcedge-1.cfg', 'configs/dcedge-2.cfg']);
  });
});

describe('lintCommand', () => {
  it('should exit 0 on the seed lab and print its note and a summary', async () => {
    const io = capture();
    expect(await lintCommand([], {}, io)).toBe(0);
    expect(io.stdout).toContain('info RC319');
    expect(io.stdout.trimEnd().split('\n').at(-1)).toBe('0 errors, 0 warnings, 1 info');
  });

  it('should exit 1 on findings and print them as JSON with every field', async () => {
    const io = capture();
    expect(await lintCommand(['test/fixtures/lint/key-mismatch'], { json: true }, io)).toBe(1);
    const out = JSON.parse(io.stdout) as { diagnostics: Record<string, unknown>[] };
    expect(Object.keys(out.diagnostics[0])).toEqual(['severity', 'code', 'file', 'line', 'message', 'hint']);
    expect(out.diagnostics[0]).toMatchObject({ severity: 'error', code: 'RC310', file: 'test/fixtures/lint/key-mismatch/dcedge-2.cfg', line: 35 });
  });

  it('should exit 2 when a model cannot be loaded, without a stack trace', async () => {
    const io = capture();
    expect(await lintCommand(['models/seed-lab', 'nowhere'], {}, io)).toBe(2);
    expect(io.stdout).toContain('error RC201: model not found: nowhere');
    expect(io.stdout + io.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('modelCommand', () => {
  it('should print what it understood of the seed lab', async () => {
    const io = capture();
    expect(await modelCommand('models/seed-lab', {}, io)).toBe(0);
    for (const s of ['dcedge-1  ITR ETR          10.0.1.2', 'datacenters  alldcs', '0000.0d0e.010c', 'east_dc west_dc', 'vm1   192.168.1.10/24']) {
      expect(io.stdout).toContain(s);
    }
  });

  it('should print the Scenario as JSON, unlimited bounds as "unlimited"', async () => {
    const io = capture();
    expect(await modelCommand(undefined, { json: true }, io)).toBe(0);
    const s = JSON.parse(io.stdout) as { name: string; bounds: { timerExpiries: unknown } };
    expect(s.name).toBe('seed-lab');
    expect(s.bounds.timerExpiries).toBe('unlimited');
  });

  it('should exit 2 with diagnostics on stderr when the model does not load', async () => {
    const io = capture();
    expect(await modelCommand('test/fixtures', {}, io)).toBe(2);
    expect(io.stderr).toContain('RC202');
    expect(io.stdout).toBe('');
  });
});
