// The xTRs' local registrations of a whole World (PROTOCOL.md §1.11: an xTR holds an EID as local
// while registering or registered), kept with each actor table and derived from the step's before
// (issue 9). PURE: a memo per model and table, a function of the table alone. A step changes a few
// actors (actorTable.ts changedIds): only those are looked at again, not every actor.

import type { Model } from '../world/model.js';
import { parseActorId } from '../world/model.js';
import { routerDynRange } from '../world/topology.js';
import type { World } from '../world/world.js';
import { LOCAL_STATES } from './registryFacts.js';
import { changedActorIds } from './worldChanges.js';

export interface LocalDyns {
  /** dyn actors holding their EID as local. */
  local: number;
  /** Those of them outside their router's dynamic-EID ranges (or of no router of the model), in no particular order. */
  outside: readonly string[];
}

/** Per model, the key its facts are kept under on each actor table (ActorTable.remember). */
const keys = new WeakMap<Model, object>();
const outsideIds = new WeakMap<Model, Map<string, boolean>>();
/** The model last asked about and its key (the WeakMap is asked once per model in a row). */
let lastModel: Model | undefined;
let lastKey: object | undefined;

export function localDyns(model: Model, before: World, after: World): LocalDyns {
  let key = model === lastModel ? lastKey : keys.get(model);
  if (key === undefined) {
    key = {};
    keys.set(model, key);
  }
  lastModel = model;
  lastKey = key;
  const known = after.actors.derived(key) as LocalDyns | undefined;
  if (known !== undefined) return known;
  let prev = before.actors.derived(key) as LocalDyns | undefined;
  if (prev === undefined) {
    prev = scan(model, before);
    before.actors.remember(key, prev);
  }
  let local = prev.local;
  let outside: string[] | undefined;
  for (const id of changedActorIds(before, after)) {
    if (!id.startsWith('dyn|')) continue;
    const was = isLocal(before, id);
    const is = isLocal(after, id);
    if (was === is) continue;
    local += is ? 1 : -1;
    if (!isOutside(model, id)) continue;
    outside ??= [...prev.outside];
    if (is) outside.push(id);
    else outside.splice(outside.indexOf(id), 1);
  }
  const facts = local === prev.local && outside === undefined ? prev : { local, outside: outside ?? prev.outside };
  after.actors.remember(key, facts);
  return facts;
}

function isLocal(w: World, id: string): boolean {
  const v = w.actors.get(id)?.v;
  return v !== undefined && LOCAL_STATES.has(v);
}

/** Whether dyn actor `id` holds an EID its router may not claim (a function of the id and the model). */
function isOutside(model: Model, id: string): boolean {
  let m = outsideIds.get(model);
  if (m === undefined) {
    m = new Map();
    outsideIds.set(model, m);
  }
  let out = m.get(id);
  if (out === undefined) {
    const { owner, ip } = parseActorId(id);
    const r = model.topo.routers.get(owner);
    out = !r || !routerDynRange(r, ip);
    m.set(id, out);
  }
  return out;
}

function scan(model: Model, w: World): LocalDyns {
  const f = { local: 0, outside: [] as string[] };
  w.actors.forEachUnordered((id, snap) => {
    if (!id.startsWith('dyn|') || !LOCAL_STATES.has(snap.v)) return;
    f.local++;
    if (isOutside(model, id)) f.outside.push(id);
  });
  return f;
}
