// SharedFingerprintSet: the visited set of the parallel exhaustive search (parallelExhaustive.ts),
// FingerprintSet's layout over SharedArrayBuffers so every thread inserts into one table. PURE
// (a data structure; Atomics are memory operations, not I/O).
// Each slot is 8 bytes of fingerprint (hi, lo words, as in FingerprintSet) plus one tag byte:
// 0 empty, BUSY while a thread writes the fingerprint, NEW for a fingerprint added in the level
// being expanded, OLD for one of an earlier level. A thread claims an empty slot with one
// compareExchange on its tag (the words of a 64-bit slot cannot be swapped as one without
// BigInt, which V8 boxes on every access), writes the words, then publishes the tag; a reader
// that meets BUSY waits the few instructions the writer needs. The tag also says whether a state
// already present was found in this level, where a later, smaller key may still win it
// (mergeLevel.ts turns NEW into OLD once the level is ranked). So 9 bytes a slot, 12 to 24 bytes
// per stored state at load 3/4 to 3/8 (FingerprintSet: 10.7 to 21.3), more when a level's worst
// case (below) asks for room the level does not use.
// The table never grows while threads insert: it is sized between levels (`ensure`) for the
// worst case of the coming level, every transition finding a new state, so a probe always
// meets an empty slot.

export const TAG_EMPTY = 0;
export const TAG_OLD = 1;
export const TAG_NEW = 2;
const TAG_BUSY = 3;

/** What a thread needs to open the same table: the buffers and log2 of the slot count. */
export interface SharedSetBuffers {
  bits: number;
  words: SharedArrayBuffer;
  tags: SharedArrayBuffer;
}

/** `insert`'s answer when the fingerprint was stored by an earlier level (nothing to record). */
export const INSERT_OLD = -1;

/** Slots of a new table: 8 KiB of words, as FingerprintSet. */
const INITIAL_BITS = 10;

export class SharedFingerprintSet {
  readonly bits: number;
  /** Slot count - 1 (`2 ** bits` at each insert called pow: see FingerprintSet). */
  private readonly mask: number;
  readonly buffers: SharedSetBuffers;
  private readonly words: Uint32Array;
  private readonly tags: Uint8Array;

  constructor(buffers?: SharedSetBuffers) {
    this.buffers = buffers ?? { bits: INITIAL_BITS, words: new SharedArrayBuffer(8 << INITIAL_BITS), tags: new SharedArrayBuffer(1 << INITIAL_BITS) };
    this.bits = this.buffers.bits;
    this.mask = (1 << this.bits) - 1;
    this.words = new Uint32Array(this.buffers.words);
    this.tags = new Uint8Array(this.buffers.tags);
  }

  get capacity(): number {
    return this.mask + 1;
  }

  /** Bytes held: fingerprints and tags. */
  get bytes(): number {
    return this.words.byteLength + this.tags.byteLength;
  }

  /**
   * Add (hi, lo) as a state of the level being expanded. Returns 2 * slot + 1 when this call
   * stored it, 2 * slot when it was stored earlier in the same level (by any thread), and
   * INSERT_OLD when an earlier level stored it.
   */
  insert(hi: number, lo: number): number {
    hi >>>= 0;
    lo >>>= 0;
    const w = this.words;
    const t = this.tags;
    const mask = this.mask;
    for (let i = slotOf(hi, lo, this.bits); ; ) {
      const tag = Atomics.load(t, i);
      if (tag === TAG_EMPTY) {
        if (Atomics.compareExchange(t, i, TAG_EMPTY, TAG_BUSY) !== TAG_EMPTY) continue; // lost the race: read the slot again
        w[2 * i] = hi;
        w[2 * i + 1] = lo;
        Atomics.store(t, i, TAG_NEW); // publishes the words to any thread that loads the tag
        return 2 * i + 1;
      }
      if (tag === TAG_BUSY) continue; // another thread is writing this slot's words
      if (w[2 * i] === hi && w[2 * i + 1] === lo) return tag === TAG_NEW ? 2 * i : INSERT_OLD;
      i = (i + 1) & mask;
    }
  }

  tag(slot: number): number {
    return this.tags[slot];
  }

  /** Mark a slot of this level as settled (between levels, one thread). */
  settle(slot: number): void {
    this.tags[slot] = TAG_OLD;
  }

  /**
   * This table, or a larger copy, holding `stored` fingerprints at load 3/4 at most (as
   * FingerprintSet) and `stored + coming` at 7/8 at most (between levels, one thread; the other
   * threads must open the returned buffers). The second bound only has to leave a free slot in
   * the worst case, every transition finding a new state, which real levels are far from (a
   * third of the F2 scope's transitions find one): 3/4 there would double the table for nothing.
   */
  ensure(stored: number, coming: number): SharedFingerprintSet {
    let bits = this.bits;
    while (stored * 4 > 3 * 2 ** bits || (stored + coming) * 8 > 7 * 2 ** bits) bits++;
    if (bits === this.bits) return this;
    const next = new SharedFingerprintSet({ bits, words: new SharedArrayBuffer(8 * 2 ** bits), tags: new SharedArrayBuffer(2 ** bits) });
    for (let i = 0; i < this.capacity; i++) {
      if (this.tags[i] === TAG_EMPTY) continue;
      const s = next.insert(this.words[2 * i], this.words[2 * i + 1]);
      next.tags[s >>> 1] = this.tags[i];
    }
    return next;
  }
}

/** Home slot: FingerprintSet's mix (the two tables need not agree; each is self-consistent). */
function slotOf(hi: number, lo: number, bits: number): number {
  return Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> (32 - bits);
}
