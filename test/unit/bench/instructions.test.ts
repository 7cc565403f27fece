// Reading cachegrind's summary (bench/instructions.ts): the instruction total, or nothing when the
// run printed none. No valgrind here: the bench runs it, never a test.

import { describe, expect, it } from 'vitest';
import { parseInstructionRefs } from '../../../bench/instructions.js';

describe('parseInstructionRefs', () => {
  it('should read the I refs total with its thousands separators', () => {
    const stderr = ['==30052== Cachegrind, a cache and branch-prediction profiler', '==30052== ', '==30052== I   refs:      4,894,979,693', ''].join('\n');
    expect(parseInstructionRefs(stderr)).toBe(4_894_979_693);
  });

  it('should give undefined when the summary is missing (valgrind failed or printed something else)', () => {
    expect(parseInstructionRefs('valgrind: command not found')).toBeUndefined();
    expect(parseInstructionRefs('')).toBeUndefined();
  });
});
