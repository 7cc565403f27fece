// What a machine asks the world to do, as data: XState actions come back from the pure
// `transition()` unexecuted (STYLE.md "machines are definitions, stepped purely"); the world
// turns each `out` action's params into a message, a timer or a log line.
// PURE.

/** A machine output. Addresses are filled in by the world from the topology. */
export type Out =
  | { kind: 'send'; msg: string; [field: string]: unknown }
  | { kind: 'arm'; timer: string; after: TimerLength }
  | { kind: 'cancel'; timer: string }
  | { kind: 'log'; text: string }
  | { kind: 'note'; note: string; [field: string]: unknown }
  | { kind: 'none' };

/** Timer lengths are named, not numbers, so machine contexts stay scenario-independent. */
export type TimerLength = { timer: string; scale?: number } | { seconds: number };

/** The single named action every machine uses to talk to the world. */
export const OUT = 'out' as const;

/** Build an `out` action object for `setup({ actions: { out } })` machines. */
export function out(params: (args: { context: any; event: any }) => Out): { type: typeof OUT; params: (a: { context: any; event: any }) => Out } {
  return { type: OUT, params };
}

/** Mutant switches (DESIGN.md §4) a machine definition may read. */
export type Mutants = ReadonlySet<string>;
