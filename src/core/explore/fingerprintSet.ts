// FingerprintSet: the visited set of exhaustive search, 64-bit fingerprints in one typed array.
// PURE (in-memory data structure). Open addressing with linear probing; each slot is two adjacent
// Uint32 words (hi, lo), 8 bytes, so a probe reads one cache line and no BigInt is ever made
// (interleaved words measured ~1.2x two separate lanes and ~3x a BigUint64Array in V8, which
// boxes every 64-bit read). The capacity is a power of two, doubled once the load passes 3/4:
// between 10.7 and 21.3 bytes per stored fingerprint, and nothing allocated ahead of need.

/** Slots of a new set: 8 KiB, grown on demand. */
const INITIAL_BITS = 10;

export class FingerprintSet {
  /** log2 of the slot count. */
  private bits = INITIAL_BITS;
  /**
   * Slot count - 1, and the fingerprints the table takes before it grows (load 3/4): kept, not
   * computed from `bits` at each add, where `2 ** bits` called the C library's pow (V8 does not
   * fold a power with a variable exponent): 3.5 % of an exhaustive search in perf (issue 9).
   */
  private mask = (1 << INITIAL_BITS) - 1;
  private limit = 3 << (INITIAL_BITS - 2);
  /** Slot i is words 2i (hi) and 2i+1 (lo); (0, 0) marks an empty slot. */
  private slots = new Uint32Array(2 << INITIAL_BITS);
  /** Fingerprints stored in `slots` (the zero fingerprint is counted apart). */
  private used = 0;
  /** (0, 0) is the empty marker, so a real zero fingerprint is kept as this flag instead. */
  private hasZero = false;

  /** Distinct fingerprints added. */
  get size(): number {
    return this.used + (this.hasZero ? 1 : 0);
  }

  /** Slots allocated (a power of two). */
  get capacity(): number {
    return this.mask + 1;
  }

  /** Bytes held by the table. */
  get bytes(): number {
    return this.slots.byteLength;
  }

  /** Add the fingerprint (hi, lo), each an unsigned 32-bit integer: true when it was not there yet. */
  add(hi: number, lo: number): boolean {
    hi >>>= 0;
    lo >>>= 0;
    if ((hi | lo) === 0) {
      if (this.hasZero) return false;
      this.hasZero = true;
      return true;
    }
    // Grow before inserting, so the probe below always finds an empty slot (load < 3/4).
    if (this.used + 1 > this.limit) this.grow();
    if (!insert(this.slots, this.bits, this.mask, hi, lo)) return false;
    this.used++;
    return true;
  }

  has(hi: number, lo: number): boolean {
    hi >>>= 0;
    lo >>>= 0;
    if ((hi | lo) === 0) return this.hasZero;
    const t = this.slots;
    const mask = this.mask;
    for (let i = slotOf(hi, lo, this.bits); ; i = (i + 1) & mask) {
      const a = t[2 * i];
      const b = t[2 * i + 1];
      if (a === hi && b === lo) return true;
      if ((a | b) === 0) return false;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.bits++;
    // Past 2^29 slots the shifts below would overflow int32; a Uint32Array that large is past any heap anyway.
    if (this.bits > 29) throw new RangeError(`FingerprintSet: more than 2^29 slots (${this.used} fingerprints)`);
    this.mask = (1 << this.bits) - 1;
    this.limit = 3 << (this.bits - 2);
    this.slots = new Uint32Array(2 << this.bits);
    for (let i = 0; i < old.length; i += 2) if ((old[i] | old[i + 1]) !== 0) insert(this.slots, this.bits, this.mask, old[i], old[i + 1]);
  }
}

/**
 * Home slot: the top `bits` bits of a multiplicative mix of both words. Fingerprints are hashes
 * already, but the set must not depend on that (a test may add 1, 2, 3...), hence the mix.
 */
function slotOf(hi: number, lo: number, bits: number): number {
  return Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> (32 - bits);
}

/** Put (hi, lo) into its probe run; false when it is there already. The table has a free slot. */
function insert(t: Uint32Array, bits: number, mask: number, hi: number, lo: number): boolean {
  for (let i = slotOf(hi, lo, bits); ; i = (i + 1) & mask) {
    const a = t[2 * i];
    const b = t[2 * i + 1];
    if ((a | b) === 0) {
      t[2 * i] = hi;
      t[2 * i + 1] = lo;
      return true;
    }
    if (a === hi && b === lo) return false;
  }
}
