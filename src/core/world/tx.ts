// A transaction: the working copy of a World while one action is applied.
// PURE. Copies what it changes (a path of the persistent actor and timer tables, messages), steps machines
// through their runners and turns their outputs into messages, timers, logs and notes.
// Protocol handling lives in control.ts and dataplane.ts; this file is the plumbing.

import type { Snap } from '../machines/machineRunner.js';
import type { Out } from '../machines/out.js';
import { snapText } from '../machines/snapText.js';
import type { ActorRef } from './actorRef.js';
import type { ActorTable } from './actorTable.js';
import { eidParts } from './eid.js';
import type { Footprint } from './footprint.js';
import { actorsHash, addActorTerm, addMsgLanes, knownActorsHash, rememberActorsHash } from './key.js';
import { runnerFor, timerMs, type Model } from './model.js';
import type { Observation } from './observation.js';
import { TimerList } from './timerList.js';
import { type BudgetKey, type Budgets, copyBudgets, type Msg, type Packet, type World } from './world.js';

/**
 * A message as built by handlers: a fresh literal of its variant's one shape (every field of the
 * variant, optional ones as undefined, in the variant's order), ending in `id: 0, sentAt: 0`,
 * which `send` stamps. One shape per variant keeps the engine's reads of messages from seeing
 * a new hidden class for each combination of optional fields, and the stamps are stores into
 * fields the literal already has, not additions to it (issue 9). Undefined fields are left out
 * by JSON and by the key (key.ts), as absent ones were.
 */
export type NewMsg = Msg;

export class Tx {
  model!: Model;
  /** Build `log` observations (step.ts); false on the search's hot path. */
  verbose!: boolean;
  now!: number;
  seq!: number;
  epoch!: number;
  actors!: ActorTable;
  msgs!: Msg[];
  timers!: TimerList;
  hostAt!: Record<string, string>;
  arpQueue!: Record<string, readonly Packet[]>;
  /**
   * The spent budgets: the starting world's object until a budget is spent (`spend`, `spent`),
   * then a copy. Most steps (deliveries) spend none, and their successor shares the object.
   */
  used!: Readonly<Budgets>;
  private usedCopied = false;
  obs!: Observation[];
  private actorsCopied = false;
  /**
   * This transaction's token: timer lists it made may be changed in place until it finishes
   * (timerList.ts). A number, one per transaction (Tx.nextEdit): an object token was allocated at
   * every step and kept alive by every timer list and chunk the step made, in every stored world.
   */
  private edit: number | undefined;
  private static nextEdit = 1;
  /**
   * The hashes carried forward (key.ts PARTS order): [0, 1] the actor table's fingerprint lanes,
   * updated entry by entry when the table we started from has one (exhaustive search
   * fingerprints every world; random mode never does, and then this costs nothing); [2, 3] the
   * in-flight list's lanes when the caller carries them: at finish, messages taken from the
   * starting list come out and the new ones (ids from the starting seq on) go in, so a
   * successor's messages are not hashed one by one again. One array, which becomes the
   * successor's `parts` when the caller carries them (no second array at finish).
   */
  private hashes: number[] | undefined;
  /** Whether hashes[0, 1] hold the actor table's lanes (a reboot forgets actors wholesale: the table is hashed afresh at finish). */
  private actorsHashed = false;
  /** Whether hashes[2, 3] hold the in-flight list's lanes (only when the caller carries PARTS). */
  private msgsHashed = false;
  private firstNewId = 0;
  /** Messages of the starting list taken out (delivered, dropped, settled): emptied, not replaced, at each begin. */
  private readonly taken: Msg[] = [];

  /** Set by the control and data handlers (control.ts, dataplane.ts) at module load. */
  static outHandler: (tx: Tx, actor: ActorRef, out: Out, snap: Snap) => void;

  /** Set when the caller carries the starting world's hashes (key.ts PARTS): finish writes the successor's here instead of into WeakMaps. */
  parts: number[] | undefined;

  /** What this step reads and writes (footprint.ts), when the caller asks (partial-order reduction); undefined otherwise, and then nothing is recorded. */
  fp: Footprint | undefined;
  private startEpoch = 0;

  constructor(model: Model, w: World, verbose = true, parts?: ArrayLike<number>, at = 0) {
    this.begin(model, w, verbose, parts, at);
  }

  /**
   * Start a transaction on `w` (every field set again). `verbose`: build `log` observations;
   * `parts`: the starting world's PARTS hashes (key.ts), at index `at`.
   */
  begin(model: Model, w: World, verbose = true, parts?: ArrayLike<number>, at = 0): this {
    this.model = model;
    this.verbose = verbose;
    this.usedCopied = false;
    this.obs = [];
    this.actorsCopied = false;
    this.edit = Tx.nextEdit++;
    // Emptied only when it holds something: setting an array's length is a runtime call (perf).
    if (this.taken.length !== 0) this.taken.length = 0;
    this.parts = undefined;
    this.fp = undefined;
    this.now = w.now;
    this.seq = w.seq;
    this.epoch = w.epoch;
    this.actors = w.actors;
    this.msgs = w.msgs.slice();
    this.timers = w.timers;
    this.hostAt = w.hostAt as Record<string, string>;
    this.arpQueue = w.arpQueue as Record<string, readonly Packet[]>;
    this.used = w.used;
    if (parts !== undefined) {
      this.hashes = [parts[at], parts[at + 1], parts[at + 2], parts[at + 3]];
      this.actorsHashed = true;
      this.msgsHashed = true;
    } else {
      const h = knownActorsHash(w.actors);
      this.hashes = h === undefined ? undefined : [h[0], h[1]];
      this.actorsHashed = h !== undefined;
      this.msgsHashed = false;
    }
    this.firstNewId = w.seq;
    this.startEpoch = w.epoch;
    return this;
  }

  /** The spent budgets, ready to change (copied from the starting world's the first time). */
  spent(): Budgets {
    if (!this.usedCopied) {
      this.used = copyBudgets(this.used);
      this.usedCopied = true;
    }
    return this.used as Budgets;
  }

  /** Spend one of budget `k`. */
  spend(k: BudgetKey): void {
    this.fp?.write(k);
    const u = this.spent();
    // A field per case, not `u[k]++`: a keyed load and store whose key varies went through V8's
    // megamorphic stub cache at every spend (perf; issue 9).
    switch (k) {
      case 'moves':
        u.moves++;
        return;
      case 'losses':
        u.losses++;
        return;
      case 'duplicates':
        u.duplicates++;
        return;
      case 'reboots':
        u.reboots++;
        return;
      case 'spoofs':
        u.spoofs++;
        return;
      case 'timerExpiries':
        u.timerExpiries++;
        return;
      case 'sends':
        u.sends++;
        return;
      case 'garps':
        u.garps++;
        return;
    }
  }

  /** Take the i-th message out of flight (to deliver, drop or settle it). */
  takeAt(i: number): Msg {
    // Shifted in place (the list is this transaction's copy): splice returned an array per call.
    const msgs = this.msgs;
    const m = msgs[i];
    for (let j = i + 1; j < msgs.length; j++) msgs[j - 1] = msgs[j];
    msgs.pop();
    if (this.msgsHashed && m.id < this.firstNewId) this.taken.push(m);
    return m;
  }

  finish(): World {
    // No token: nothing done after this (there should be nothing) changes the finished World's timers.
    this.edit = undefined;
    if (this.fp !== undefined && this.epoch !== this.startEpoch) this.fp.write('epoch');
    const h = this.hashes;
    if (this.msgsHashed && h !== undefined) {
      // A reboot forgets actors wholesale (dropActors): the table is hashed afresh, once.
      if (!this.actorsHashed) {
        const act = actorsHash(this.actors);
        h[0] = act[0];
        h[1] = act[1];
      }
      const taken = this.taken;
      for (let i = 0; i < taken.length; i++) addMsgLanes(h, 2, taken[i], -1);
      // New messages are appended (ids rise along the list), so they are its tail.
      for (let i = this.msgs.length - 1; i >= 0 && this.msgs[i].id >= this.firstNewId; i--) addMsgLanes(h, 2, this.msgs[i], 1);
      this.parts = h;
    } else if (this.actorsCopied && this.actorsHashed && h !== undefined) rememberActorsHash(this.actors, [h[0], h[1]]);
    return {
      now: this.now,
      seq: this.seq,
      epoch: this.epoch,
      actors: this.actors,
      msgs: this.msgs,
      timers: this.timers,
      hostAt: this.hostAt,
      arpQueue: this.arpQueue,
      used: this.used,
    };
  }

  snap(actor: ActorRef): Snap {
    this.fp?.read(actor.id);
    return this.actors.getRef(actor) ?? actor.initial;
  }

  state(actor: ActorRef): string {
    return this.snap(actor).v;
  }

  /** Store a machine's state; its initial state is stored as absence, so keys stay canonical. */
  setSnap(actor: ActorRef, snap: Snap): void {
    // The old state is looked up only to take it out of the hash (random mode keeps none).
    this.store(actor, snap, this.actorsHashed ? this.actors.getRef(actor) : undefined);
  }

  /** setSnap, given the table's entry for the id before (`old`, undefined when absent), when the caller has just read it. */
  private store(actor: ActorRef, snap: Snap, old: Snap | undefined): void {
    this.actorsCopied = true;
    const initial = actor.initial;
    if (this.fp !== undefined) {
      // A write only if the state really changes: a runner may hand back an equal snapshot as a
      // new object (before its cache has it), and a footprint must not depend on what is cached.
      const was = this.actors.getRef(actor) ?? initial;
      if (snap === was || (snap.v === was.v && snapText(snap) === snapText(was))) this.fp.read(actor.id);
      else this.fp.write(actor.id);
    }
    const h = this.actorsHashed ? this.hashes : undefined;
    if (h !== undefined && old !== undefined) addActorTerm(h, 0, actor.lanes, old, -1);
    // Runners return canonical (interned) snapshots, so identity settles it almost always.
    if (snap === initial || (snap.v === initial.v && snapText(snap) === snapText(initial))) this.actors = this.actors.deleteRef(actor);
    else {
      this.actors = this.actors.setRef(actor, snap);
      if (h !== undefined) addActorTerm(h, 0, actor.lanes, snap, 1);
    }
  }

  /** Forget actors (reboot, restart): they return to their initial state. */
  dropActors(pred: (id: string) => boolean): void {
    this.actors = this.actors.filterOut(pred);
    this.actorsCopied = true;
    this.actorsHashed = false;
    this.timers = TimerList.from(this.timers.filter((t) => !pred(t.actor)));
    this.arpQueue = Object.fromEntries(Object.entries(this.arpQueue).filter(([id]) => !pred(id)));
  }

  /** Step one machine with an event and carry out what it asks for. */
  fire(actor: ActorRef, event: { type: string; [k: string]: unknown }): Snap {
    // The table's entry, kept: storing the next state takes it out of the carried hash, and
    // looking it up again walked the table a second time.
    const stored = this.actors.getRef(actor);
    this.fp?.read(actor.id);
    const before = stored ?? actor.initial;
    const runner = runnerFor(this.model, actor);
    const { next, outs } = this.model.cached ? runner.step(before, event) : runner.stepUncached(before, event);
    if (next !== before) this.store(actor, next, stored);
    for (const o of outs) this.applyOut(actor, o, next);
    return next;
  }

  private applyOut(actor: ActorRef, o: Out, snap: Snap): void {
    switch (o.kind) {
      case 'arm':
        this.arm(actor, o.timer, timerMs(this.model, actor, o.after));
        return;
      case 'cancel':
        this.cancel(actor, o.timer);
        return;
      case 'log':
        if (this.verbose) this.log(actor.node, `${subjectOf(actor)}${o.text}`);
        return;
      case 'note': {
        const { kind: _k, note, ...data } = o;
        this.obs.push({ kind: 'note', actor: actor.id, note, data });
        Tx.outHandler(this, actor, o, snap);
        return;
      }
      case 'send':
        Tx.outHandler(this, actor, o, snap);
        return;
      case 'none':
        return;
    }
  }

  arm(actor: ActorRef, name: string, afterMs: number): void {
    const key = actor.timerKey(name);
    this.fp?.write(key);
    // Kept sorted by key (timerList.ts), so the World is canonical whatever the order timers were armed in.
    this.timers = this.timers.set({ key, actor: actor.id, name, deadline: this.now + afterMs }, this.edit);
  }

  cancel(actor: ActorRef, name: string): void {
    this.removeTimer(actor.timerKey(name));
  }

  /** Forget the pending timer `key`, if there is one. */
  removeTimer(key: string): void {
    this.fp?.write(key);
    this.timers = this.timers.delete(key, this.edit);
  }

  /** Put a message in flight (it gets the next id and the current time). */
  send(m: NewMsg): void {
    // Handlers pass a fresh literal, never kept: stamped in place rather than copied (a spread of
    // a union of shapes is one of the costliest lines of a step). Field order, and so the key
    // text, is that of the copy it replaces.
    m.id = this.seq++;
    m.sentAt = this.now;
    this.msgs.push(m);
  }

  /** A log observation, verbose runs only. Callers test `tx.verbose` first so that a search never even builds the text (about 5 % of a step's CPU time). */
  log(node: string, text: string): void {
    if (this.verbose) this.obs.push({ kind: 'log', node, text });
  }

  packetFate(pkt: Packet, at: string, fate: 'delivered' | 'dropped', reason?: Observation extends infer O ? (O extends { kind: 'fate'; reason?: infer R } ? R : never) : never): void {
    this.obs.push({ kind: 'fate', pkt, fate, reason, at });
    if (this.verbose) this.log(at, fate === 'delivered' ? `packet ${pkt.src} -> ${pkt.dst} delivered to ${pkt.dst}` : `packet ${pkt.src} -> ${pkt.dst} dropped: ${reason}`);
  }

  queuePacket(arpId: string, pkt: Packet): boolean {
    this.fp?.write(`q:${arpId}`);
    const q = this.arpQueue[arpId] ?? [];
    // Linux unres_qlen: a few packets wait for resolution; more are dropped (reason `resolving`:
    // like LISP's first packets, the cost of a resolution in progress, not a mobility failure).
    if (q.length >= 3) return false;
    this.arpQueue = { ...this.arpQueue, [arpId]: [...q, pkt] };
    return true;
  }

  takeQueue(arpId: string): readonly Packet[] {
    // Read even when nothing waits: a packet queued by another step would change what this one takes.
    if (this.fp !== undefined) {
      if (this.arpQueue[arpId] === undefined) this.fp.read(`q:${arpId}`);
      else this.fp.write(`q:${arpId}`);
    }
    // Usually nothing waits: an empty table is told without looking the (fresh) id up in it.
    if (isEmpty(this.arpQueue)) return [];
    const q = this.arpQueue[arpId];
    if (!q) return [];
    const { [arpId]: _, ...rest } = this.arpQueue;
    this.arpQueue = rest;
    return q;
  }
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

/** A prefix naming what the line is about, in the words of `debug lisp`. */
function subjectOf(actor: ActorRef): string {
  const ip = actor.ip;
  switch (actor.kind) {
    case 'dyn':
      return `DynEID IID ${eidParts(ip).iid} ${eidParts(ip).ip}: `;
    case 'ms':
      return `MS site registration ${ip}/32: `;
    case 'mc':
      return `map-cache ${ip}/32: `;
    case 'arp':
      return `ARP ${ip}: `;
  }
}
