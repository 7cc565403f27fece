// isControl and isL2 (world.ts) tell a message's kind by the first letter of its type: each type of
// world.ts MSG_KINDS (complete: the compiler checks it against the Msg union) must be told as listed.

import { describe, expect, it } from 'vitest';
import { isControl, isL2, MSG_KINDS, type Msg } from '../../../src/core/world/world.js';

describe('message kinds', () => {
  it.each(Object.entries(MSG_KINDS))('%s is %s', (type, kind) => {
    const m = { type } as Msg;
    expect(isControl(m)).toBe(kind === 'control');
    expect(isL2(m)).toBe(kind === 'l2');
  });
});
