// Test helper: read a model folder's top-level files as buildScenario input.
import { readdirSync, readFileSync } from 'node:fs';
import type { ModelFile } from '../../../src/config/buildScenario.js';

export function folderFiles(dir: string): ModelFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && (e.name.endsWith('.cfg') || e.name.endsWith('.yaml')))
    .map((e) => ({ path: e.name, text: readFileSync(`${dir}/${e.name}`, 'utf8') }));
}

/** Deep copy without `source` fields (SourceRefs are extra facts, not part of the reference). */
export function stripSources(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(stripSources);
  if (x && typeof x === 'object') {
    return Object.fromEntries(
      Object.entries(x)
        .filter(([k]) => k !== 'source')
        .map(([k, v]) => [k, stripSources(v)]),
    );
  }
  return x;
}
