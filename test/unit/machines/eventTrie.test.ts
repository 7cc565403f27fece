// MachineRunner's event table (EventNode): events that differ in any field name, field order,
// value or value kind get their own transition, as their JSON text did; a field name the trie
// does not expect at a place falls back to the JSON table and still answers as XState does.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assign, setup } from 'xstate';
import { MachineRunner, type Snap } from '../../../src/core/machines/machineRunner.js';

/**
 * A machine whose context records each event's JSON text, the key the cache replaced: two events
 * the cache confused but that key told apart would show as a wrong next snapshot.
 */
const echo = setup({ types: {} as { context: { last: string }; events: { type: string; [k: string]: unknown } } }).createMachine({
  id: 'echo',
  initial: 'idle',
  context: { last: '' },
  states: { idle: { on: { '*': { actions: assign({ last: ({ event }) => JSON.stringify(event) }) } } } },
});
const INITIAL: Snap = { v: 'idle', c: { last: '' } };

const valueArb = fc.oneof(fc.constantFrom<unknown>('a', 'b', '1', 1, 0, true, false, undefined, null), fc.constantFrom<unknown>(['a'], ['a', 'b'], [], { x: 1 }));
const eventArb = fc
  .tuple(fc.constantFrom('e', 'f'), fc.uniqueArray(fc.constantFrom('x', 'y', 'z', 'type2'), { maxLength: 3 }), fc.array(valueArb, { minLength: 3, maxLength: 3 }))
  .map(([type, names, values]) => {
    const event: { type: string; [k: string]: unknown } = { type };
    names.forEach((n, i) => {
      event[n] = values[i];
    });
    return event;
  });

describe('MachineRunner event table', () => {
  it('should step every event the same through the cache as through XState', () => {
    // Arrange: one runner, so later events meet the trie earlier ones built
    const runner = new MachineRunner(echo, INITIAL);
    // Act / Assert
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 30 }), (events) => {
        for (const event of events) {
          const cached = runner.step(INITIAL, event);
          expect(cached.next).toEqual(runner.stepUncached(INITIAL, event).next);
        }
      }),
      { seed: 7, numRuns: 300 },
    );
    expect(runner.hits).toBeGreaterThan(0);
  });

  it('should tell apart events that differ only in field order or value kind', () => {
    // Arrange
    const runner = new MachineRunner(echo, INITIAL);
    const events = [
      { type: 'e', x: 1, y: 'a' },
      { type: 'e', y: 'a', x: 1 },
      { type: 'e', x: '1', y: 'a' },
      { type: 'e', x: 1 },
      { type: 'e', x: true },
      { type: 'e', x: [1] },
      { type: 'e', x: 1, y: 'a' },
    ];
    // Act
    const lasts = events.map((e) => runner.step(INITIAL, e).next.c.last);
    // Assert
    expect(new Set(lasts.slice(0, 6)).size).toBe(6);
    expect(lasts[6]).toBe(lasts[0]);
  });
});
