import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchGlob } from '../../../src/config/matchGlob.js';

/** The RegExp translation matchGlob replaced: right, but exponential on hostile globs; fine on short ones. */
function oracle(glob: string, path: string): boolean {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:[^/]*/)*' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`).test(path);
}

describe('matchGlob', () => {
  it.each([
    ['*.cfg', 'core.cfg', true],
    ['*.cfg', 'configs/core.cfg', false],
    ['**/*.cfg', 'configs/dc1/core.cfg', true],
    ['**/*.cfg', 'core.cfg', true],
    ['configs/*.cfg', 'configs/a.cfg', true],
    ['r?.cfg', 'r12.cfg', false],
    ['a/**/b/*.cfg', 'a/b/c.cfg', true],
    ['configs/**', 'configs/a/b.cfg', true],
  ])('should match %s against %s: %s', (glob, path, expected) => {
    expect(matchGlob(glob, path)).toBe(expected);
  });

  it('should answer a glob that backtracks exponentially in a RegExp (`*a*a…*b` against a long name)', () => {
    // picomatch needs 80 s for five stars against 255 characters; a hang here times the test out.
    expect(matchGlob(`${'*a'.repeat(40)}*b`, 'a'.repeat(10_000))).toBe(false);
    expect(matchGlob(`${'*a'.repeat(40)}*b`, `${'a'.repeat(10_000)}b`)).toBe(true);
  });

  it('should agree with the RegExp translation it replaced on short globs and paths', () => {
    // Real paths: 1-3 non-empty segments. A trailing `**` differs on purpose (it may match no segment).
    const glob = fc
      .array(fc.constantFrom('a', 'b', '*', '?', '/', '**/'), { maxLength: 8 })
      .map((p) => p.join(''))
      .filter((g) => !/\*\*\*|[^/]\*\*|\*\*[^/]|\*\*$/.test(g));
    const path = fc.array(fc.stringMatching(/^[ab]{1,3}$/), { minLength: 1, maxLength: 3 }).map((p) => p.join('/'));
    fc.assert(
      fc.property(glob, path, (g, p) => matchGlob(g, p) === oracle(g, p)),
      { numRuns: 2000 },
    );
  });
});
