// One ARP (neighbour) cache entry: a host's or a router interface's binding of a neighbour IP
// to a MAC (PROTOCOL.md §2.10, §3: Linux ARP7 states, IOS `arp timeout`, gratuitous ARP).
// PURE: an XState v5 definition stepped through `transition()`.
// States: none, incomplete, reachable, stale, probing, failed.

import { assign, setup } from 'xstate';
import { out, type Mutants } from './out.js';

export interface ArpCacheContext {
  mac: string;
  tries: number;
}

export type ArpCacheEvent =
  | { type: 'resolve' }
  | { type: 'reply'; mac: string }
  | { type: 'learn'; mac: string }
  | { type: 'garp'; mac: string }
  | { type: 'timer.retry' }
  | { type: 'timer.reachable' }
  | { type: 'timer.probe' }
  | { type: 'reboot' };

export const ARP_CACHE_INITIAL = { v: 'none', c: { mac: '', tries: 0 } as ArpCacheContext };

/**
 * `host`: Linux-like (REACHABLE for hostArpReachable, then STALE; the next use probes the cached
 * MAC by unicast and fails after hostArpProbe). `router`: IOS-like (the entry lives for the
 * interface's `arp timeout`, then is removed and re-resolved on demand).
 */
export function createArpCacheMachine(_mutants: Mutants, opts: { kind: 'host' | 'router'; retries: number }) {
  const reachableTimer = opts.kind === 'host' ? 'hostArpReachable' : 'routerArpTimeout';
  const becomeReachable = [
    assign(({ event }: any) => ({ mac: event.mac, tries: 0 })),
    out(() => ({ kind: 'cancel', timer: 'retry' })),
    out(() => ({ kind: 'cancel', timer: 'probe' })),
    out(() => ({ kind: 'arm', timer: 'reachable', after: { timer: reachableTimer } })),
    out(() => ({ kind: 'note', note: 'arp-resolved' })),
  ];
  const broadcast = out(() => ({ kind: 'send', msg: 'arp-request', unicast: false }));
  const armRetry = out(() => ({ kind: 'arm', timer: 'retry', after: { timer: 'arpRetry' } }));
  const startResolve = { target: 'incomplete', actions: [assign({ tries: 0, mac: '' }), broadcast, armRetry] };
  // Linux updates an existing entry's MAC from a gratuitous ARP (arp_accept=0 creates none) and
  // marks it STALE; IOS simply refreshes the entry.
  const garpUpdate =
    opts.kind === 'router'
      ? { target: 'reachable', actions: becomeReachable }
      : {
          target: 'stale',
          actions: [assign(({ event }: any) => ({ mac: event.mac })), out(() => ({ kind: 'cancel', timer: 'reachable' })), out(() => ({ kind: 'cancel', timer: 'probe' }))],
        };
  const learnStale = {
    guard: ({ context, event }: any) => context.mac !== event.mac,
    target: 'stale',
    actions: [assign(({ event }: any) => ({ mac: event.mac })), out(() => ({ kind: 'cancel', timer: 'reachable' })), out(() => ({ kind: 'cancel', timer: 'probe' }))],
  };

  return setup({
    types: { context: {} as ArpCacheContext, events: {} as ArpCacheEvent },
    actions: { out: () => {} },
  }).createMachine(<any>{
    id: 'arpCache',
    initial: 'none',
    context: ARP_CACHE_INITIAL.c,
    on: {
      reboot: { target: '.none', actions: [assign(ARP_CACHE_INITIAL.c), ...['retry', 'reachable', 'probe'].map((t) => out(() => ({ kind: 'cancel', timer: t })))] },
    },
    states: {
      none: {
        on: {
          resolve: startResolve,
          // ARP7: a request addressed to us creates a STALE entry for its sender.
          learn: { target: 'stale', actions: assign(({ event }: any) => ({ mac: event.mac })) },
        },
      },
      incomplete: {
        on: {
          reply: { target: 'reachable', actions: becomeReachable },
          learn: { target: 'reachable', actions: becomeReachable },
          'timer.retry': [
            { guard: ({ context }: any) => context.tries + 1 < opts.retries, actions: [assign(({ context }: any) => ({ tries: context.tries + 1 })), broadcast, armRetry] },
            { target: 'failed', actions: [assign({ tries: 0 }), out(() => ({ kind: 'note', note: 'arp-failed' })), out(() => ({ kind: 'log', text: 'ARP resolution failed' }))] },
          ],
        },
      },
      reachable: {
        on: {
          'timer.reachable': opts.kind === 'host' ? { target: 'stale' } : { target: 'none', actions: [assign({ mac: '' }), out(() => ({ kind: 'log', text: 'ARP entry timed out' }))] },
          reply: { actions: becomeReachable },
          learn: learnStale,
          garp: garpUpdate,
        },
      },
      // ARP7: a STALE entry is still used; the next use starts the DELAY/PROBE sequence,
      // unicast to the cached MAC, folded here into one probe timer (delay 5 s + 3 x 1 s).
      stale: {
        on: {
          resolve: {
            target: 'probing',
            actions: [out(() => ({ kind: 'send', msg: 'arp-request', unicast: true })), out(() => ({ kind: 'arm', timer: 'probe', after: { timer: 'hostArpProbe' } }))],
          },
          reply: { target: 'reachable', actions: becomeReachable },
          learn: learnStale,
          garp: garpUpdate,
        },
      },
      probing: {
        on: {
          reply: { target: 'reachable', actions: becomeReachable },
          'timer.probe': { target: 'failed', actions: [out(() => ({ kind: 'note', note: 'arp-failed' })), out(() => ({ kind: 'log', text: 'ARP probe unanswered, entry failed' }))] },
          garp: garpUpdate,
        },
      },
      failed: {
        on: {
          resolve: startResolve,
          learn: { target: 'stale', actions: assign(({ event }: any) => ({ mac: event.mac })) },
        },
      },
    },
  });
}
