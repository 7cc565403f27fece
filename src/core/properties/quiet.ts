// Shared predicates for property monitors. PURE.

// The quiet predicate belongs to the world (the scheduler needs it too); kept here for monitors.
export { isControlQuiet } from '../world/quiet.js';
export { isControlRetransmission } from '../world/retransmission.js';

/** A drop that reachability properties forgive: LISP's first-packet cost, or a loss fault on the packet itself. */
export function isForgivenDrop(reason: string | undefined): boolean {
  return reason === 'resolving' || reason === 'lost';
}
