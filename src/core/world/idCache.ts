// Actor ids built once per parts: `dyn|ROUTER|EID` and the like, from the strings that name them.
// PURE. A step builds a handful of ids (look up, fire, store, arm a timer), each a fresh
// concatenation that every Map or trie lookup then flattened and hashed anew (issue 9: the id's
// hash, parseActorId's table and the timer key's text each paid it). Looked up by its parts,
// which are the model's own strings (router, host and interface names, addresses, EIDs) whose
// hashes V8 keeps, an id is the same string object every time, hashed once.

/** Entries before a cache starts over (ids are few per model; the caches are module-wide). */
const MAX = 100_000;

/** Ids (or what is derived from them, actorRef.ts) by their parts, for one id form. */
export class IdCache<T = string> {
  private byA = new Map<string, Map<string, T>>();
  private size = 0;

  constructor(private readonly make: (a: string, b: string) => T) {}

  /** The id of (a, b): `make(a, b)`, the same object each time. */
  get(a: string, b: string): T {
    let byB = this.byA.get(a);
    if (byB === undefined) {
      if (this.size >= MAX) this.clear();
      byB = new Map();
      this.byA.set(a, byB);
    }
    let id = byB.get(b);
    if (id === undefined) {
      if (++this.size >= MAX) this.clear();
      id = this.make(a, b);
      byB.set(b, id);
    }
    return id;
  }

  private clear(): void {
    this.byA = new Map();
    this.size = 0;
  }
}
