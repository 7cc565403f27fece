// An actor's id with everything the engine derives from it, derived once per id.
// PURE. A step names actors by id (`dyn|ROUTER|EID`, `ms|…`, `mc|…`, `arp|h:HOST|IP`,
// `arp|r:ROUTER@IFACE|IP`) and then asked string-keyed tables for the id's hash (the actor
// table's trie), its parts (parseActorId), its runner and initial state (the id's first letters),
// its fingerprint lanes (stringLanes) and each timer key (`ID#NAME`): on a 32-site / 256-host
// model those lookups, in tables that grow with the network, were ~15 % of a step (issue 9,
// "interned ids", the first layer of the compiled world). A ref carries all of it as fields, and
// the engine passes refs where it passed ids. Worlds still key actors by id text, so every
// model-free reader (traces, properties, render) reads them as before.

import { actorIdHash } from './actorTable.js';
import { IdCache } from './idCache.js';
import { type Lanes, stringLanes } from './key.js';
import type { Snap } from '../machines/machineRunner.js';
import { INITIAL, type ActorKind, type Model } from './model.js';

export class ActorRef {
  readonly kind: ActorKind;
  /** The id's middle part: a router, `h:HOST` or `r:ROUTER@IFACE` (parseActorId's `owner`). */
  readonly owner: string;
  /** The id's last part: an EID key, or an address for an ARP actor (parseActorId's `ip`). */
  readonly ip: string;
  /** actorIdHash(id): the actor table's trie key. */
  readonly hash: number;
  /** ARP actors: whether a host's (`arp|h:`) rather than a router interface's. */
  readonly hostArp: boolean;
  /**
   * The machine's initial state (model.ts INITIAL by kind), stored as absence in the actor table.
   * A field: `INITIAL[kind]` at every read of an actor was a keyed load with four different keys,
   * which V8 handles through its megamorphic stub cache (found with perf; issue 9).
   */
  readonly initial: Snap;
  /**
   * The node the actor lives on: the host of a host's ARP actor (`h:HOST`), the router of a router
   * interface's (`r:ROUTER@IFACE`), else the owner (a router). Cut once: the ARP handlers sliced the
   * owner at every request and resolution, and each fresh string was hashed again by the topology's
   * Maps and looked up in V8's string table by `hostAt[host]` (perf on the 32x256 model; issue 9).
   */
  readonly node: string;
  /** A router interface's ARP actor: the interface's name (`IFACE`); undefined otherwise. */
  readonly iface: string | undefined;
  #lanes: Lanes | undefined;
  /**
   * Timer names and their keys, alternating (`[name, key, name, key...]`): an actor has one to
   * four timer names, the machines' own strings (one object each, so `===` mostly settles by
   * identity), found in a short scan faster than a Map lookup (perf on the 32x256 walk; issue 9).
   */
  #timerKeys: string[] | undefined;
  /** The last model this actor's router ARP timeout was asked for, and the answer (model.ts timerMs). */
  cachedFor: Model | undefined = undefined;
  cachedMs = 0;

  constructor(readonly id: string) {
    const [kind, owner, ip] = id.split('|');
    this.kind = kind as ActorKind;
    this.owner = owner;
    this.ip = ip;
    this.hash = actorIdHash(id);
    this.hostArp = owner.startsWith('h:');
    this.initial = INITIAL[this.kind];
    const at = this.kind === 'arp' && !this.hostArp ? owner.indexOf('@') : -1;
    this.node = this.kind !== 'arp' ? owner : at < 0 ? owner.slice(2) : owner.slice(2, at);
    this.iface = at < 0 ? undefined : owner.slice(at + 1);
  }

  /** stringLanes(id), for the actor table's fingerprint (key.ts addActorTerm); only searches ask. */
  get lanes(): Lanes {
    return (this.#lanes ??= stringLanes(this.id));
  }

  /** The key of this actor's timer `name` (`ID#NAME`), the same string object every time (timerList.ts compares keys). */
  timerKey(name: string): string {
    let keys = this.#timerKeys;
    if (keys === undefined) {
      keys = [];
      this.#timerKeys = keys;
    }
    for (let i = 0; i < keys.length; i += 2) if (keys[i] === name) return keys[i + 1];
    const key = `${this.id}#${name}`;
    keys.push(name, key);
    return key;
  }
}

/** Refs by id; bounded like the id caches (ids are few per model, the table module-wide). */
let refs = new Map<string, ActorRef>();

/** The ref of an id given as text (a timer's actor, a trace's id). */
export function actorRef(id: string): ActorRef {
  let r = refs.get(id);
  if (r === undefined) {
    if (refs.size >= 100_000) refs = new Map();
    r = new ActorRef(id);
    refs.set(id, r);
  }
  return r;
}

/** A cache of refs by the two parts an id form is built from (idCache.ts), for one form. */
export function refCache(make: (a: string, b: string) => string): IdCache<ActorRef> {
  return new IdCache((a, b) => actorRef(make(a, b)));
}
