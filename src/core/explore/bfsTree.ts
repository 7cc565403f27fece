// BfsTree: the parent links of a breadth-first search in about two bytes per state, enough to
// rebuild the path to any state. PURE.
// BFS expands states in the order it discovers them, and a state's new children get consecutive
// ids. So the tree is two lists of small numbers: per expanded state, how many new states it
// produced; per state, the index of the action that reached it among its parent's enabled actions
// (world/enabled.ts `enabledActions`, deterministic for a given world). The parent of a state is
// found by summing the counts (pathTo): a linear pass, done once per counterexample, in place of a
// 4-byte parent index per state.

import { SmallUints } from './smallUints.js';

export class BfsTree {
  /** Per state id: the index of the action that reached it (0 for the root, unused). */
  private actionIndex = new SmallUints();
  /** Per expanded state, in id order: the new states it produced. */
  private children = new SmallUints();

  constructor() {
    this.actionIndex.push(0); // the root, id 0
  }

  /** States recorded, the root included. */
  get size(): number {
    return this.actionIndex.length;
  }

  /** States expanded so far (ids 0 .. expanded - 1). */
  get expanded(): number {
    return this.children.length;
  }

  /** Bytes held. */
  get bytes(): number {
    return this.actionIndex.bytes + this.children.bytes;
  }

  /** New states the expanded state `id` produced (their ids follow those of earlier states' children). */
  childCount(id: number): number {
    return this.children.get(id);
  }

  /** The index of the action that reached state `id` among its parent's enabled actions. */
  actionIndexOf(id: number): number {
    return this.actionIndex.get(id);
  }

  /** Start expanding the next state in id order; returns its id. */
  expandNext(): number {
    if (this.children.length >= this.size) throw new Error('BfsTree: every recorded state is expanded already');
    this.children.push(0);
    return this.children.length - 1;
  }

  /** Record a new state reached from the state being expanded by its `actionIndex`-th enabled action; returns the new id. */
  addChild(actionIndex: number): number {
    const parent = this.children.length - 1;
    if (parent < 0) throw new Error('BfsTree: no state is being expanded');
    this.children.set(parent, this.children.get(parent) + 1);
    this.actionIndex.push(actionIndex);
    return this.actionIndex.length - 1;
  }

  /** The action indices from the root to state `id`, root first (empty for the root). */
  pathTo(id: number): number[] {
    if (!(Number.isInteger(id) && id >= 0 && id < this.size)) throw new RangeError(`BfsTree: no state ${id}`);
    const path: number[] = [];
    // The children of expanded state j are the ids [end - children[j], end), where end starts at
    // the number of states and walks down: one backward pass finds every ancestor in turn.
    let t = id;
    let end = this.size;
    for (let j = this.children.length - 1; j >= 0 && t > 0; j--) {
      const start = end - this.children.get(j);
      if (t >= start && t < end) {
        path.push(this.actionIndex.get(t));
        t = j;
      }
      end = start;
    }
    if (t !== 0) throw new Error(`BfsTree: state ${id} has no recorded path to the root`);
    return path.reverse();
  }
}
