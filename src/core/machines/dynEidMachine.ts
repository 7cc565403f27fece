// The dynamic-EID lifecycle of one host EID on one xTR (PROTOCOL.md §2.4–2.6, RFC 9301 §5.6–5.7, §8.2).
// PURE: an XState v5 definition, stepped only through `transition()`; timers are explicit events.
// States: absent -> registering (Map-Register with M outstanding) <-> registered (local) -> away.

import { assign, setup } from 'xstate';
import { out, type Mutants } from './out.js';

export interface DynEidContext {
  /** Newest detection or mobility timestamp this xTR knows (timestamped registration only). */
  ts: number;
  /** Current Map-Register retransmit multiplier (1, 2, 4, … capped at 60 s). */
  retx: number;
  /** The mobility interface the host was detected on. */
  iface: string;
  /** Whether the outstanding Map-Register is a periodic refresh (its retransmissions are too). */
  refresh: boolean;
  /** A liveness probe is out and its timeout armed. */
  probing: boolean;
}

export type DynEidEvent =
  | { type: 'host.seen'; ts: number; iface: string }
  | { type: 'rarp.seen'; ts: number }
  | { type: 'notify.receive'; ours: boolean; ts: number; solicited: boolean }
  | { type: 'probe.reply' }
  | { type: 'timer.refresh' }
  | { type: 'timer.retx' }
  | { type: 'timer.liveness' }
  | { type: 'timer.livenessTimeout' }
  | { type: 'reboot' };

export const DYN_EID_INITIAL = { v: 'absent', c: { ts: 0, retx: 1, iface: '', refresh: false, probing: false } as DynEidContext };

/** Builds the machine; `mutants` switches deliberate bugs on (DESIGN.md §4). */
export function createDynEidMachine(mutants: Mutants, opts: { timestamped: boolean }) {
  const refreshAfterMove = mutants.has('refresh-after-move');
  const noLiveness = refreshAfterMove; // that bug is "no liveness test, no away state"
  const register = (refresh: boolean | 'same') =>
    out(({ context }) => ({ kind: 'send', msg: 'map-register', refresh: refresh === 'same' ? context.refresh : refresh, withdraw: false, ts: context.ts }));
  const withdraw = out(({ context }) => ({ kind: 'send', msg: 'map-register', refresh: false, withdraw: true, ts: context.ts }));
  const armRetx = out(({ context }) => ({ kind: 'arm', timer: 'retx', after: { timer: 'registerRetransmit', scale: context.retx } }));
  const armRefresh = out(() => ({ kind: 'arm', timer: 'refresh', after: { timer: 'mapRegisterInterval' } }));
  const armLiveness = out(() => (noLiveness ? { kind: 'none' } : { kind: 'arm', timer: 'liveness', after: { timer: 'livenessInterval' } }));
  const cancelAll = [
    out(() => ({ kind: 'cancel', timer: 'retx' })),
    out(() => ({ kind: 'cancel', timer: 'refresh' })),
    out(() => ({ kind: 'cancel', timer: 'liveness' })),
    out(() => ({ kind: 'cancel', timer: 'livenessTimeout' })),
  ];
  const ack = out(({ event }) => (event.solicited ? { kind: 'none' } : { kind: 'send', msg: 'map-notify-ack' }));
  // timestamped mitigation (DESIGN.md §3): a Map-Notify older than the newest detection we know
  // is stale; ignore it and re-assert our registration at once.
  const isStaleNotify = ({ context, event }: { context: DynEidContext; event: DynEidEvent }) => opts.timestamped && event.type === 'notify.receive' && !event.ours && event.ts < context.ts;
  const movedAway = [
    ack,
    // PROTOCOL.md §2.6, seed log: "Map-Notify does not contain our locator, dyn-EID moved".
    out(() => ({ kind: 'log', text: 'Map-Notify does not contain our locator, dyn-EID moved' })),
    out(() => ({ kind: 'log', text: 'Moved away.' })),
    out(() => ({ kind: 'log', text: 'Delete.' })),
    // The seed log shows the liveness test giving the entry up in the same millisecond.
    out(() => ({ kind: 'log', text: 'Received ping 100% -> 0% ok event, deleting.' })),
    assign({ probing: false }),
    ...cancelAll,
    // ASCII-5: the old xTR withdraws with a Drop Map-Register; the MS removes it from the set.
    withdraw,
    out(() => ({ kind: 'note', note: 'moved-away' })),
  ];
  const reassert = [ack, out(() => ({ kind: 'log', text: 'Map-Notify older than our detection: ignored, registering again' })), assign({ refresh: false }), register(false), armRetx];
  /** Install the /32, register it (want-map-notify) and start the periodic and liveness timers. */
  const detected = (text: string) => [
    assign({ ts: ({ event }: any) => event.ts, retx: 1, iface: ({ event }: any) => event.iface, refresh: false }),
    out(() => ({ kind: 'log', text })),
    register(false),
    armRetx,
    armRefresh,
    armLiveness,
    out(() => ({ kind: 'note', note: 'detected' })),
  ];
  const keepOnNotify = refreshAfterMove
    ? // the mutant never gives the host up: it keeps registering as if nothing happened
      [ack, out(() => ({ kind: 'log', text: 'Map-Notify does not contain our locator: ignored (refresh-after-move)' }))]
    : null;

  return setup({
    types: { context: {} as DynEidContext, events: {} as DynEidEvent },
    actions: { out: () => {} },
    guards: { isStaleNotify, ours: ({ event }) => event.type === 'notify.receive' && event.ours },
    // The config is typed loosely: XState's inference cannot follow the shared action arrays
    // built above; the context and event types are still enforced at the world boundary.
  }).createMachine(<any>{
    id: 'dynEid',
    initial: 'absent',
    context: DYN_EID_INITIAL.c,
    states: {
      // No database entry. RFC 9301 / CISCO-VMCMD: a packet from a source inside the dynamic-EID
      // range on a `lisp mobility` interface installs a /32 and registers it (PROTOCOL.md §2.4).
      absent: {
        on: {
          'host.seen': { target: 'registering', actions: detected('dynamic-EID detected, registering') },
          'notify.receive': { actions: [ack] },
        },
      },
      // Map-Register sent with want-map-notify; RFC 9301 §5.7: retransmit after 1 s, doubling,
      // up to 60 s, until the solicited Map-Notify arrives.
      registering: {
        on: {
          'notify.receive': [
            { guard: 'ours', target: 'registered', actions: [ack, assign({ refresh: false, retx: 1 }), out(() => ({ kind: 'cancel', timer: 'retx' }))] },
            ...(keepOnNotify
              ? [{ actions: keepOnNotify }]
              : [
                  { guard: 'isStaleNotify' as const, actions: reassert },
                  { target: 'away', actions: movedAway },
                ]),
          ],
          'timer.retx': {
            actions: [
              assign({ retx: ({ context }) => Math.min(context.retx * 2, 60) }),
              out(() => ({ kind: 'log', text: 'no Map-Notify yet, retransmitting Map-Register' })),
              register('same'),
              armRetx,
            ],
          },
          // A periodic timer while a Map-Register is still unacknowledged sends that same
          // registration again: a first registration must not turn into a refresh (refresh-bit).
          'timer.refresh': { target: 'registering', actions: [register('same'), armRefresh] },
          'rarp.seen': { actions: assign({ ts: ({ context, event }) => (opts.timestamped ? Math.max(context.ts, event.ts) : context.ts) }) },
          ...liveness(),
          reboot: { target: 'absent', actions: [assign(DYN_EID_INITIAL.c), ...cancelAll] },
        },
      },
      // Local and confirmed. RFC 9301 §8.2: periodic Map-Register every 60 s.
      registered: {
        on: {
          'notify.receive': [
            { guard: 'ours', actions: [ack] },
            ...(keepOnNotify
              ? [{ actions: keepOnNotify }]
              : [
                  { guard: 'isStaleNotify' as const, target: 'registering', actions: [assign({ retx: 1 }), ...reassert] },
                  { target: 'away', actions: movedAway },
                ]),
          ],
          'timer.refresh': {
            target: 'registering',
            actions: [assign({ retx: 1, refresh: true }), register(true), armRefresh, armRetx],
          },
          'rarp.seen': { actions: assign({ ts: ({ context, event }) => (opts.timestamped ? Math.max(context.ts, event.ts) : context.ts) }) },
          ...liveness(),
          reboot: { target: 'absent', actions: [assign(DYN_EID_INITIAL.c), ...cancelAll] },
        },
      },
      // PROTOCOL.md §2.6: away entry kept after the move; a data hit on it triggers an SMR
      // (the world does that, reading this state). Traffic from the host here again re-detects it.
      away: {
        on: {
          'host.seen': { target: 'registering', actions: detected('dynamic-EID detected again (was away), registering') },
          'notify.receive': { actions: [ack] },
          reboot: { target: 'absent', actions: [assign(DYN_EID_INITIAL.c)] },
        },
      },
    },
  });

  // IOS-XE `lisp mobility liveness test` (PROTOCOL.md §2.5): ICMP probe; no answer deletes the
  // entry ("Received ping 100% -> 0% ok event, deleting") and withdraws the registration.
  function liveness() {
    return {
      'timer.liveness': {
        actions: [assign({ probing: true }), out(() => ({ kind: 'send', msg: 'probe' })), out(() => ({ kind: 'arm', timer: 'livenessTimeout', after: { timer: 'livenessTimeout' } }))],
      },
      'probe.reply': {
        actions: [assign({ probing: false }), out(() => ({ kind: 'cancel', timer: 'livenessTimeout' })), armLiveness],
      },
      // Traffic from the host is proof of life as good as an echo reply (LNET's dynamic-EID
      // timeout counts packets, PROTOCOL.md §2.5): a probe outstanding is settled by it.
      'host.seen': {
        guard: ({ context }: { context: DynEidContext }) => context.probing,
        actions: [assign({ probing: false }), out(() => ({ kind: 'cancel', timer: 'livenessTimeout' })), armLiveness],
      },
      'timer.livenessTimeout': {
        target: 'absent' as const,
        actions: [
          out(() => ({ kind: 'log', text: 'Received ping 100% -> 0% ok event, deleting.' })),
          ...cancelAll,
          withdraw,
          assign(DYN_EID_INITIAL.c),
          out(() => ({ kind: 'note', note: 'deleted' })),
        ],
      },
    };
  }
}
