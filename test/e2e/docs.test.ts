import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDocs } from '../../tools/docs.js';
import { listTree, ROOT, tempDir } from './cliHarness.js';

// docs/ holds generated pictures and counterexamples; `npm run docs` regenerates them.
describe('docs/', () => {
  it('should be what `npm run docs` generates, byte for byte (else run `npm run docs`)', async () => {
    const fresh = tempDir('roamcheck-docs-');
    await generateDocs(fresh, ROOT);
    const docs = join(ROOT, 'docs');
    // explorer.png is a screenshot, refreshed by the explorer test, not by `npm run docs`.
    expect(
      listTree(docs).filter((f) => f !== 'explorer.png'),
      'the files of docs/ (run `npm run docs`)',
    ).toEqual(listTree(fresh));
    const stale = listTree(fresh).filter((f) => !readFileSync(join(fresh, f)).equals(readFileSync(join(docs, f))));
    expect(stale, 'stale files in docs/: run `npm run docs`').toEqual([]);
  });
});
