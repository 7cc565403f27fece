// The Map-Server's registration of one EID (a host /32): acceptance, replace semantics,
// Map-Notify to the new and the previous registrants, expiry (RFC 9301 §5.6–5.7, §8.2; PROTOCOL.md §1.2–1.3, §1.7).
// PURE: an XState v5 definition stepped through `transition()`. States: unregistered, registered.

import { assign, setup } from 'xstate';
import type { Registration } from '../scenario.js';
import { out, type Mutants, type Out } from './out.js';

export interface MapServerContext {
  /** Current RLOC set (locator addresses), sorted. */
  rlocs: string[];
  /** Timestamp of the installed registration (timestamped mode). */
  ts: number;
  /** Unsolicited Map-Notifies awaiting their ack, by target RLOC: retransmissions so far and
   * the notified mapping (RFC 9301 §5.7 retransmits the same message, whatever changed since). */
  pending: Record<string, { n: number; rlocs: string[]; ts: number }>;
}

export type MapServerEvent =
  | {
      type: 'register.receive';
      /** Source RLOC of the Map-Register. */
      from: string;
      rlocs: string[];
      /** HMAC verified with the site key (PROTOCOL.md §1.2 Authentication). */
      authOk: boolean;
      /** Prefix configured for the site, or a more-specific with accept-more-specifics. */
      accepted: boolean;
      refresh: boolean;
      withdraw: boolean;
      ts: number;
    }
  | { type: 'notify.ack'; from: string }
  | { type: 'timer.expiry' }
  | { type: 'timer.nretx'; target: string };

export const MAP_SERVER_INITIAL = { v: 'unregistered', c: { rlocs: [], ts: 0, pending: {} } as MapServerContext };

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Builds the registry machine for a registration mode and a set of mutants (DESIGN.md §3, §4). */
export function createMapServerMachine(mutants: Mutants, registration: Registration, notifyRetries: number) {
  const noAuthCheck = mutants.has('no-auth-check');
  const merge = mutants.has('merge-rlocs');
  const noNotifyPrevious = mutants.has('no-notify-previous');

  type Args = { context: MapServerContext; event: Extract<MapServerEvent, { type: 'register.receive' }> };
  const rejected = ({ event }: Args) => (!event.authOk && !noAuthCheck) || !event.accepted;
  // timestamped (DESIGN.md §3): ignore registrations older than the installed one.
  const older = ({ context, event }: Args) => registration === 'timestamped' && event.ts < context.ts;
  // refresh-bit (lispers.net 0.237, PROTOCOL.md F2): a refresh cannot change the RLOC set.
  const refreshChanges = ({ context, event }: Args) => registration === 'refresh-bit' && event.refresh && !sameSet(context.rlocs, newSet(context, event));
  const newSet = (context: MapServerContext, event: Args['event']) => (merge ? [...new Set([...context.rlocs, ...event.rlocs])].sort() : [...event.rlocs].sort());

  const logReject = out(({ event }) => ({
    kind: 'log',
    text: !event.accepted
      ? `Map-Register from ${event.from} rejected: prefix not accepted for any site (accept-more-specifics?)`
      : `Map-Register from ${event.from} failed authentication (Authentication failures +1)`,
  }));

  /** Install, notify the registrant (solicited) and every previous RLOC not in the new set. */
  const install = [
    out(({ context, event }) => {
      const next = newSet(context, event);
      return {
        kind: 'note',
        note: 'installed',
        rlocs: next,
        previous: context.rlocs,
        authOk: event.authOk,
        from: event.from,
      };
    }),
    out(({ context, event }) => {
      const next = newSet(context, event);
      const changed = !sameSet(next, context.rlocs);
      return {
        kind: 'log',
        text: changed ? `Map-Register from ${event.from} accepted; RLOC set ${context.rlocs.join(',') || '(none)'} -> ${next.join(',')}` : `Map-Register from ${event.from} accepted (refresh)`,
      };
    }),
    // RFC 9301 §5.7: a Map-Register with M set is acknowledged by a solicited Map-Notify.
    out(({ context, event }) => ({ kind: 'send', msg: 'map-notify', to: event.from, rlocs: newSet(context, event), solicited: true, ts: event.ts })),
    // PROTOCOL.md §1.3: notify each RLOC of the old set, skipping the new registration's source.
    ...[0, 1, 2, 3].map((i) =>
      out(({ context, event }): Out => {
        if (noNotifyPrevious) return { kind: 'none' };
        const next = newSet(context, event);
        const previous = context.rlocs.filter((r: string) => !next.includes(r) && r !== event.from);
        const target = previous[i];
        return target === undefined ? { kind: 'none' } : { kind: 'send', msg: 'map-notify', to: target, rlocs: next, solicited: false, ts: event.ts };
      }),
    ),
    ...[0, 1, 2, 3].map((i) =>
      out(({ context, event }): Out => {
        if (noNotifyPrevious) return { kind: 'none' };
        const next = newSet(context, event);
        const target = context.rlocs.filter((r: string) => !next.includes(r) && r !== event.from)[i];
        return target === undefined ? { kind: 'none' } : { kind: 'arm', timer: `nretx:${target}`, after: { timer: 'notifyRetransmit' } };
      }),
    ),
    // A target back in the new set needs no more notifying: stop its retransmissions.
    ...[0, 1, 2, 3].map((i) =>
      out(({ context, event }): Out => {
        const target = newSet(context, event).filter((r) => r in context.pending)[i];
        return target === undefined ? { kind: 'none' } : { kind: 'cancel', timer: `nretx:${target}` };
      }),
    ),
    out(() => ({ kind: 'arm', timer: 'expiry', after: { timer: 'msExpiry' } })),
    assign(({ context, event }: Args) => {
      const next = newSet(context, event);
      const pending = { ...context.pending };
      if (!noNotifyPrevious) for (const r of context.rlocs) if (!next.includes(r) && r !== event.from) pending[r] = { n: 0, rlocs: next, ts: event.ts };
      // LNET release notes: a superseded Map-Notify leaves the retransmit queue.
      for (const r of next) delete pending[r];
      return { rlocs: next, ts: Math.max(context.ts, event.ts), pending };
    }),
  ];

  const ackAndRetx = {
    'notify.ack': {
      actions: [
        assign(({ context, event }: any) => {
          const pending = { ...context.pending };
          delete pending[event.from];
          return { pending };
        }),
        out(({ event }) => ({ kind: 'cancel', timer: `nretx:${event.from}` })),
      ],
    },
    // RFC 9301 §5.7: an unsolicited Map-Notify is retransmitted until acknowledged (3 x 3 s).
    'timer.nretx': [
      {
        guard: ({ context, event }: any) => context.pending[event.target] !== undefined && context.pending[event.target].n + 1 < notifyRetries,
        actions: [
          out(({ context, event }) => {
            const p = context.pending[event.target];
            return { kind: 'send', msg: 'map-notify', to: event.target, rlocs: p.rlocs, solicited: false, ts: p.ts, retransmit: true };
          }),
          assign(({ context, event }: any) => ({ pending: { ...context.pending, [event.target]: { ...context.pending[event.target], n: context.pending[event.target].n + 1 } } })),
          out(({ event }) => ({ kind: 'arm', timer: `nretx:${event.target}`, after: { timer: 'notifyRetransmit' } })),
        ],
      },
      {
        guard: ({ context, event }: any) => context.pending[event.target] !== undefined,
        actions: [
          assign(({ context, event }: any) => {
            const pending = { ...context.pending };
            delete pending[event.target];
            return { pending };
          }),
          out(({ event }) => ({ kind: 'log', text: `Map-Notify to ${event.target} unacknowledged, giving up` })),
        ],
      },
    ],
  };

  return setup({
    types: { context: {} as MapServerContext, events: {} as MapServerEvent },
    actions: { out: () => {} },
  }).createMachine(<any>{
    id: 'mapServer',
    initial: 'unregistered',
    context: MAP_SERVER_INITIAL.c,
    states: {
      unregistered: {
        on: {
          'register.receive': [
            { guard: rejected, actions: [logReject, out(() => ({ kind: 'note', note: 'rejected' }))] },
            { guard: ({ event }: Args) => event.withdraw, actions: out(() => ({ kind: 'log', text: 'withdraw for an unregistered EID ignored' })) },
            { target: 'registered', actions: install },
          ],
          ...ackAndRetx,
        },
      },
      registered: {
        on: {
          'register.receive': [
            { guard: rejected, actions: [logReject, out(() => ({ kind: 'note', note: 'rejected' }))] },
            // Withdrawals too: a Drop Map-Register from before the newest registration is stale.
            {
              guard: older,
              actions: out(({ event }) => ({ kind: 'log', text: `Map-Register from ${event.from} older than the installed registration: ignored (timestamped)` })),
            },
            // ASCII-5: a withdrawing (Drop) Map-Register removes its source from the RLOC set.
            {
              guard: ({ context, event }: Args) => event.withdraw && context.rlocs.includes(event.from) && context.rlocs.length === 1,
              target: 'unregistered',
              actions: [
                out(({ event }) => ({ kind: 'log', text: `Map-Register (withdraw) from ${event.from}: registration removed` })),
                out(() => ({ kind: 'cancel', timer: 'expiry' })),
                assign({ rlocs: [] }),
                out(() => ({ kind: 'note', note: 'withdrawn' })),
              ],
            },
            {
              guard: ({ event }: Args) => event.withdraw,
              actions: [
                out(({ context, event }) => ({
                  kind: 'log',
                  text: context.rlocs.includes(event.from)
                    ? `Map-Register (withdraw) from ${event.from}: removed from the RLOC set`
                    : `Map-Register (withdraw) from ${event.from}: not in the current RLOC set, nothing to remove`,
                })),
                assign(({ context, event }: Args) => ({ rlocs: context.rlocs.filter((r) => r !== event.from) })),
              ],
            },
            {
              guard: refreshChanges,
              actions: out(({ event }) => ({ kind: 'log', text: `refresh Map-Register from ${event.from} cannot change the RLOC set: ignored (refresh-bit)` })),
            },
            { target: 'registered', reenter: false, actions: install },
          ],
          // RFC 9301 §8.2: removed after 3 minutes without a valid Map-Register.
          'timer.expiry': {
            target: 'unregistered',
            actions: [out(() => ({ kind: 'log', text: 'registration expired' })), assign({ rlocs: [] }), out(() => ({ kind: 'note', note: 'expired' }))],
          },
          ...ackAndRetx,
        },
      },
    },
  });
}
