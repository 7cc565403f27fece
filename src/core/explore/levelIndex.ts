// Positions of the states of one BFS level by 64-bit fingerprint (the partial-order reduction's
// sleep sets, exhaustive.ts). PURE. A JS Map keyed by the high lane, its entries checked against
// the low lane: a string key per state cost more than the steps it saved (issue 9).

export class LevelIndex {
  private readonly byHi = new Map<number, number>();
  /** Entries whose high lane another entry already holds: `hi,lo` keys, seldom any. */
  private readonly more = new Map<string, number>();
  private readonly los: number[] = [];

  clear(): void {
    this.byHi.clear();
    this.more.clear();
    this.los.length = 0;
  }

  /** Position `pos` (0, 1, 2... in order) for fingerprint (hi, lo). */
  set(hi: number, lo: number, pos: number): void {
    this.los[pos] = lo;
    if (this.byHi.has(hi)) this.more.set(`${hi},${lo}`, pos);
    else this.byHi.set(hi, pos);
  }

  get(hi: number, lo: number): number | undefined {
    const pos = this.byHi.get(hi);
    if (pos === undefined) return undefined;
    if (this.los[pos] === lo) return pos;
    return this.more.get(`${hi},${lo}`);
  }
}
