// PartsList: the PARTS hashes (key.ts) of a BFS level's stored worlds, four uint32 lanes a world,
// in one growable Uint32Array. PURE. A number[] of them held every lane of 2^31 or more as a heap
// number and grew by copying those: appending a successor's four was a third of the search loop's
// own time in a CPU profile of the F2 search (issue 9). A Uint32Array stores what `>>> 0` gives,
// and every reader folds the lanes modulo 2^32, so the fingerprints are the same.

export class PartsList {
  /** The lanes, `length` of them in use; read in place (a step reads a world's four at its index). */
  data: Uint32Array;
  length = 0;

  constructor(capacity = 64) {
    this.data = new Uint32Array(Math.max(4, capacity));
  }

  static of(lanes: ArrayLike<number>): PartsList {
    const p = new PartsList(lanes.length);
    p.data.set(lanes);
    p.length = lanes.length;
    return p;
  }

  push4(a: number, b: number, c: number, d: number): void {
    let data = this.data;
    const n = this.length;
    if (n + 4 > data.length) {
      const grown = new Uint32Array(data.length * 2);
      grown.set(data);
      this.data = data = grown;
    }
    data[n] = a;
    data[n + 1] = b;
    data[n + 2] = c;
    data[n + 3] = d;
    this.length = n + 4;
  }
}
