// `node dist/tools/commutation.js [--bounds B] [--depth D] [-p ID]...`: how much a partial-order
// reduction could save on the seed lab (issue 9), measured, not guessed. Development tool, not
// part of roamcheck; NOT PURE (prints, reads argv).
// 1. For every state to depth D and every pair of actions enabled there, whether they commute:
//    each stays enabled after the other, and both orders reach the same state (the world's
//    fingerprint and every monitor's key) with no violation on the way. Counted by kinds of action.
// 2. Breadth-first search with sleep sets (Godefroid 1996: an action explored before a sibling
//    that commutes with it need not be explored again after that sibling), its independence told
//    by (a) the exact test above, an oracle that costs more steps than it saves, or (b) the static
//    rule "deliveries to different nodes", beside the search without reduction: the states reached
//    (sleep sets keep them all) and the transitions taken.

import { BUILTIN_PROPERTIES } from '../properties/index.js';
import { monitorHasher, sameMonitor, stateFingerprint } from '../src/core/explore/stateFingerprint.js';
import { startWorld } from '../src/core/explore/runSchedule.js';
import { applyOverrides } from '../src/core/overrides.js';
import type { Property } from '../src/core/properties/property.js';
import { type Action, actionText, sameAction } from '../src/core/world/action.js';
import { enabledActions } from '../src/core/world/enabled.js';
import { partsOf, worldFingerprint } from '../src/core/world/key.js';
import { createModel } from '../src/core/world/model.js';
import { step } from '../src/core/world/step.js';
import type { World } from '../src/core/world/world.js';
import { SEED_LAB } from '../src/core/seedLab.js';

const argv = process.argv.slice(2);
const value = (name: string, dflt: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const bounds = value('--bounds', 'moves=1,sends=2,timerExpiries=1,losses=0,duplicates=0,reboots=0,spoofs=0,garps=0');
const depth = Number(value('--depth', '7'));
const ids = argv.flatMap((a, i) => (a === '-p' ? [argv[i + 1]] : []));
const model = createModel(applyOverrides(SEED_LAB, { bounds: [bounds] }).scenario!);
const props: Property<any>[] = ids.length ? BUILTIN_PROPERTIES.filter((p) => ids.includes(p.id)) : [...BUILTIN_PROPERTIES];
const hashers = props.map((p) => monitorHasher(p));

interface State {
  w: World;
  ms: unknown[];
  violated: boolean;
}

const fp = { hi: 0, lo: 0 };
function key(s: State): string {
  let t = String(worldFingerprint(s.w, model.scenario.bounds, partsOf(s.w)));
  for (const [i, m] of s.ms.entries()) {
    stateFingerprint(0, hashers[i](m), fp);
    t += `:${fp.hi},${fp.lo}`;
  }
  return t;
}

function next(s: State, a: Action, index: number): State {
  const r = step(model, s.w, a, false);
  let violated = false;
  const ms = props.map((p, i) => {
    const m = p.step(s.ms[i], { model, index, action: a, before: s.w, after: r.world, obs: r.obs });
    if (m.violation) violated = true;
    return sameMonitor(s.ms[i], m.state);
  });
  return { w: r.world, ms, violated };
}

/** Do `a` and `b`, both enabled at `s`, commute there (see above)? */
function commute(s: State, a: Action, b: Action, d: number): boolean {
  const sa = next(s, a, d);
  const sb = next(s, b, d);
  const b2 = enabledActions(model, sa.w).find((x) => sameAction(x, b));
  const a2 = enabledActions(model, sb.w).find((x) => sameAction(x, a));
  if (!a2 || !b2 || sa.violated || sb.violated) return false;
  const ab = next(sa, b2, d + 1);
  const ba = next(sb, a2, d + 1);
  return !ab.violated && !ba.violated && key(ab) === key(ba);
}

const kind = (a: Action) => (a.type === 'msg.deliver' ? 'deliver' : a.type);

/** The node a delivery acts at: its router, host or segment. */
function deliveredAt(s: State, a: Action): string | undefined {
  if (a.type !== 'msg.deliver') return undefined;
  const m = s.w.msgs.find((x) => x.id === a.id) as { dst?: string; to?: string; seg?: string } | undefined;
  return m?.dst ?? m?.to ?? m?.seg;
}

type Rule = (s: State, a: Action, b: Action, d: number) => boolean;
const rules: Record<string, Rule | null> = {
  none: null,
  'exact (oracle)': commute,
  'deliveries to different nodes': (s, a, b) => {
    const x = deliveredAt(s, a);
    const y = deliveredAt(s, b);
    return x !== undefined && y !== undefined && x !== y;
  },
};

function search(rule: Rule | null): { states: number; transitions: number } {
  const w0 = startWorld(model);
  const root: State = { w: w0, ms: props.map((p) => p.init(model, w0)), violated: false };
  let level: { s: State; sleep: Set<string> }[] = [{ s: root, sleep: new Set() }];
  const seen = new Map<string, number>([[key(root), 0]]);
  let transitions = 0;
  for (let d = 0; d < depth; d++) {
    const found = new Map<string, { s: State; sleep: Set<string> }>();
    for (const { s, sleep } of level) {
      const acts = enabledActions(model, s.w);
      const done: Action[] = [];
      for (const a of acts) {
        if (sleep.has(actionText(a))) continue;
        transitions++;
        const t = next(s, a, d);
        const slept = new Set<string>();
        if (rule) for (const b of [...acts.filter((x) => sleep.has(actionText(x))), ...done]) if (rule(s, a, b, d)) slept.add(actionText(b));
        done.push(a);
        if (t.violated) continue;
        const k = key(t);
        const at = seen.get(k);
        if (at === undefined) {
          seen.set(k, d + 1);
          found.set(k, { s: t, sleep: slept });
        } else if (at === d + 1) {
          // Reached again in the same level: only what every path may skip stays asleep.
          const o = found.get(k)!;
          for (const x of o.sleep) if (!slept.has(x)) o.sleep.delete(x);
        }
      }
    }
    level = [...found.values()];
  }
  return { states: seen.size, transitions };
}

const pairs = new Map<string, { n: number; commute: number }>();
{
  const w0 = startWorld(model);
  let level: State[] = [{ w: w0, ms: props.map((p) => p.init(model, w0)), violated: false }];
  const seen = new Set([key(level[0])]);
  for (let d = 0; d < depth; d++) {
    const found: State[] = [];
    for (const s of level) {
      const acts = enabledActions(model, s.w);
      for (const [i, a] of acts.entries()) {
        const t = next(s, a, d);
        if (!t.violated && !seen.has(key(t))) {
          seen.add(key(t));
          found.push(t);
        }
        for (const b of acts.slice(i + 1)) {
          const k = [kind(a), kind(b)].sort().join(' | ');
          const e = pairs.get(k) ?? { n: 0, commute: 0 };
          e.n++;
          if (commute(s, a, b, d)) e.commute++;
          pairs.set(k, e);
        }
      }
    }
    level = found;
  }
}

console.log(`seed lab, --bounds ${bounds}, depth ${depth}, properties: ${props.map((p) => p.id).join(', ')}`);
console.log('\npairs of enabled actions that commute (both orders: same world and monitor states, no violation):');
for (const [k, e] of [...pairs].sort((x, y) => y[1].n - x[1].n)) console.log(`  ${k.padEnd(32)} ${String(e.n).padStart(8)}  ${((100 * e.commute) / e.n).toFixed(1).padStart(5)} %`);
console.log('\nbreadth-first search with sleep sets (states reached, transitions taken):');
const base = search(null);
for (const [name, rule] of Object.entries(rules)) {
  const r = rule ? search(rule) : base;
  console.log(`  ${name.padEnd(32)} states ${String(r.states).padStart(8)}  transitions ${String(r.transitions).padStart(8)}  ${(r.transitions / base.transitions).toFixed(2)}x`);
}
