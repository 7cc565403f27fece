// Positions of the states of one BFS level by 64-bit fingerprint (the partial-order reduction's
// sleep sets, exhaustive.ts). PURE. Open addressing in one Int32Array, three words a slot
// (hi, lo, position + 1; 0 marks an empty slot), as FingerprintSet stores the visited set: a JS
// Map keyed by the high lane cost ~10 % of a `--por` search of the F2 scope, more than the
// sleep sets it served saved there (issue 9), and a string key per state cost more still.

/** Slots of a new index (grown on demand, kept across levels). */
const INITIAL_BITS = 10;

export class LevelIndex {
  private bits = INITIAL_BITS;
  /** Slot count - 1, and the positions taken before growing (load 3/4): kept, as FingerprintSet keeps them (`2 ** bits` called pow at each set). */
  private mask = (1 << INITIAL_BITS) - 1;
  private limit = 3 << (INITIAL_BITS - 2);
  private slots = new Int32Array(3 << INITIAL_BITS);
  private used = 0;

  clear(): void {
    if (this.used === 0) return;
    this.slots.fill(0);
    this.used = 0;
  }

  /** Position `pos` (0, 1, 2... in order) for fingerprint (hi, lo); a fingerprint set again keeps its first position. */
  set(hi: number, lo: number, pos: number): void {
    if (this.used + 1 > this.limit) this.grow();
    if (put(this.slots, this.bits, this.mask, hi | 0, lo | 0, pos + 1)) this.used++;
  }

  get(hi: number, lo: number): number | undefined {
    hi |= 0;
    lo |= 0;
    const t = this.slots;
    const mask = this.mask;
    for (let i = slotOf(hi, lo, this.bits); ; i = (i + 1) & mask) {
      const p = t[3 * i + 2];
      if (p === 0) return undefined;
      if (t[3 * i] === hi && t[3 * i + 1] === lo) return p - 1;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.bits++;
    if (this.bits > 28) throw new RangeError(`LevelIndex: more than 2^28 slots (${this.used} states)`);
    this.mask = (1 << this.bits) - 1;
    this.limit = 3 << (this.bits - 2);
    this.slots = new Int32Array(3 << this.bits);
    for (let i = 0; i < old.length; i += 3) if (old[i + 2] !== 0) put(this.slots, this.bits, this.mask, old[i], old[i + 1], old[i + 2]);
  }
}

/** Home slot: the top `bits` bits of a multiplicative mix of both words (FingerprintSet's). */
function slotOf(hi: number, lo: number, bits: number): number {
  return Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> (32 - bits);
}

/** Put (hi, lo) -> `p` (position + 1) in its probe run; false when the fingerprint is there already (its position stays). The table has a free slot. */
function put(t: Int32Array, bits: number, mask: number, hi: number, lo: number, p: number): boolean {
  for (let i = slotOf(hi, lo, bits); ; i = (i + 1) & mask) {
    if (t[3 * i + 2] === 0) {
      t[3 * i] = hi;
      t[3 * i + 1] = lo;
      t[3 * i + 2] = p;
      return true;
    }
    if (t[3 * i] === hi && t[3 * i + 1] === lo) return false;
  }
}
