// What one step changed, as data: rows added, removed or changed, messages newly in flight or
// gone. PURE: (snapshot before, snapshot after) -> SnapshotDiff; rendering is render/traceDiff.ts.

import { compareRows, rowId, type InFlight, type Snapshot, type StateRow, type TableKind } from './snapshot.js';

export interface Change {
  table: TableKind;
  node: string;
  key: string;
  /** Absent: the entry is new. */
  before?: StateRow;
  /** Absent: the entry is gone. */
  after?: StateRow;
}

export interface SnapshotDiff {
  /** In the order of the rows (table, node, key). */
  changes: Change[];
  /** Messages in flight after the step that were not before. */
  sent: InFlight[];
  /** Messages in flight before the step that are no longer. */
  gone: InFlight[];
}

export function diffSnapshots(a: Snapshot, b: Snapshot): SnapshotDiff {
  const before = new Map(a.rows.map((r) => [rowId(r), r]));
  const after = new Map(b.rows.map((r) => [rowId(r), r]));
  const changes: Change[] = [];
  // b's rows are sorted; removed rows are merged in at their sorted place.
  const ids = [...new Set([...after.keys(), ...before.keys()])];
  const order = new Map([...a.rows, ...b.rows].map((r) => [rowId(r), r]));
  const rows = ids.map((id) => order.get(id)!).sort(compareRows);
  for (const r of rows) {
    const id = rowId(r);
    const x = before.get(id);
    const y = after.get(id);
    if (x && y && x.sig === y.sig) continue;
    changes.push({ table: r.table, node: r.node, key: r.key, before: x, after: y });
  }
  const had = new Set(a.msgs.map((m) => m.id));
  const has = new Set(b.msgs.map((m) => m.id));
  return { changes, sent: b.msgs.filter((m) => !had.has(m.id)), gone: a.msgs.filter((m) => !has.has(m.id)) };
}
