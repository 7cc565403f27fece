// SmallUints: an append-only list of small unsigned integers in typed-array chunks, one byte each
// while every value fits, widened to 2 then 4 bytes the first time one does not. PURE.
// Chunks (4,096 entries) instead of one array grown by doubling: no copy on growth, and at most
// one partly filled chunk of slack, so the bytes held stay close to the bytes needed.

const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;

type Chunk = Uint8Array | Uint16Array | Uint32Array;

export class SmallUints {
  private chunks: Chunk[] = [];
  /** Bytes per entry now: 1, 2 or 4. */
  private width: 1 | 2 | 4 = 1;
  /** The largest value the width holds (2 ** (8 * width) - 1), kept: computed at each set it called pow (issue 9). */
  private max = 0xff;
  length = 0;

  /** Bytes held by the chunks. */
  get bytes(): number {
    return this.chunks.length * CHUNK * this.width;
  }

  push(v: number): void {
    const c = this.length >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push(this.chunk());
    this.length++;
    this.set(this.length - 1, v);
  }

  get(i: number): number {
    return this.chunks[i >>> CHUNK_BITS][i & (CHUNK - 1)];
  }

  set(i: number, v: number): void {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`SmallUints: index ${i} outside 0..${this.length - 1}`);
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`SmallUints: ${v} is not a uint32`);
    if (v > this.max) this.widen(v < 0x10000 ? 2 : 4);
    this.chunks[i >>> CHUNK_BITS][i & (CHUNK - 1)] = v;
  }

  private chunk(): Chunk {
    return this.width === 1 ? new Uint8Array(CHUNK) : this.width === 2 ? new Uint16Array(CHUNK) : new Uint32Array(CHUNK);
  }

  /** Copy every chunk into wider ones (once or twice in a search, if ever). */
  private widen(width: 2 | 4): void {
    this.width = width;
    this.max = width === 2 ? 0xffff : 0xffffffff;
    this.chunks = this.chunks.map((old) => {
      const c = this.chunk();
      c.set(old);
      return c;
    });
  }
}
