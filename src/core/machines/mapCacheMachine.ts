// One ITR/PITR map-cache entry for one destination EID: resolution, negative entries, TTLs and
// the SMR procedure (RFC 6830 §6.6.2, RFC 9301 §5.3–5.4, §6.1, §8.3–8.4; PROTOCOL.md §1.4–1.6).
// PURE: an XState v5 definition stepped through `transition()`.
// States: absent, resolving (nonce outstanding), cached, negative, refreshing (after an SMR).

import { assign, setup } from 'xstate';
import { out, type Mutants } from './out.js';

export type NegativeAction = 'native-forward' | 'drop' | 'send-map-request';

export interface MapCacheContext {
  rlocs: string[];
  action: NegativeAction | '';
  /** Nonce of the newest outstanding Map-Request (a per-entry counter). */
  nonce: number;
  /** First nonce of the current round: every retransmission of the round stays outstanding. */
  firstNonce: number;
  tries: number;
  /** Cisco "Multiple SMR suppression time": SMRs are ignored while this is set. */
  suppress: boolean;
  /** Where the SMR came from (for the smr-request-to-source mutant). */
  smrSource: string;
}

export type MapCacheEvent =
  | { type: 'lookup' }
  | { type: 'reply.receive'; nonce: number; rlocs: string[]; action: NegativeAction | ''; ttl: 'positive' | 'site' | 'non-eid' }
  | { type: 'smr.receive'; source: string }
  | { type: 'timer.retry' }
  | { type: 'timer.ttl' }
  | { type: 'timer.suppress' }
  | { type: 'reboot' };

export const MAP_CACHE_INITIAL = {
  v: 'absent',
  c: { rlocs: [], action: '', nonce: 0, firstNonce: 0, tries: 0, suppress: false, smrSource: '' } as MapCacheContext,
};

const TTL_TIMER = { positive: 'mapCacheTtl', site: 'negativeTtlSite', 'non-eid': 'negativeTtlNonEid' } as const;

/** Builds the map-cache entry machine (mutants of DESIGN.md §4: smr-ignored, any-nonce, smr-request-to-source). */
export function createMapCacheMachine(mutants: Mutants, opts: { retries: number; smrIgnore: boolean }) {
  const smrIgnored = mutants.has('smr-ignored') || opts.smrIgnore;
  const anyNonce = mutants.has('any-nonce');
  const toSource = mutants.has('smr-request-to-source');

  // RFC 6830 §6.1.3 / RFC 9301 §6.1: a Map-Reply is accepted only if its nonce matches an
  // outstanding Map-Request: any retransmission of the current round (OOR keeps a nonce list per
  // retry timer, PROTOCOL.md F6); never a reply to an earlier round.
  const nonceOk = ({ context, event }: any) => anyNonce || (event.nonce >= context.firstNonce && event.nonce <= context.nonce);
  const isPositive = ({ event }: any) => event.rlocs.length > 0;
  const request = (smrInvoked: boolean) =>
    out(({ context }) => ({
      kind: 'send',
      msg: 'map-request',
      nonce: context.nonce,
      smrInvoked,
      // RFC 6830 §6.6.2: with a single cached locator (or one not in the set) the SMR-invoked
      // request MUST/SHOULD go through the mapping system; the mutant asks the SMR's sender.
      to: smrInvoked && toSource ? context.smrSource : 'map-resolver',
    }));
  const armRetry = out(() => ({ kind: 'arm', timer: 'retry', after: { timer: 'mapRequestRetry' } }));
  const installPositive = [
    assign(({ event }: any) => ({ rlocs: event.rlocs, action: '', tries: 0 })),
    out(() => ({ kind: 'cancel', timer: 'retry' })),
    out(({ event }) => ({ kind: 'arm', timer: 'ttl', after: { timer: TTL_TIMER[event.ttl as keyof typeof TTL_TIMER] } })),
  ];
  const installNegative = [
    assign(({ event }: any) => ({ rlocs: [], action: event.action, tries: 0 })),
    out(() => ({ kind: 'cancel', timer: 'retry' })),
    out(({ event }) => ({ kind: 'arm', timer: 'ttl', after: { timer: TTL_TIMER[event.ttl as keyof typeof TTL_TIMER] } })),
  ];
  const noteInstall = (viaSmr: boolean) => out(({ event }) => ({ kind: 'note', note: 'installed', rlocs: event.rlocs, viaSmr }));
  /** A Map-Reply while a request is outstanding: nonce check, then a positive or negative entry. */
  const onReply = (viaSmr: boolean) => [
    { guard: ({ context, event }: any) => !nonceOk({ context, event }), actions: out(() => ({ kind: 'log', text: 'Map-Reply nonce mismatch: dropped' })) },
    { guard: isPositive, target: 'cached', actions: [...installPositive, noteInstall(viaSmr)] },
    { target: 'negative', actions: [...installNegative, noteInstall(viaSmr)] },
  ];
  /** Retransmit with a fresh nonce (RFC 9301 §5.3, 1/s) until the retries are spent, then `giveUp`. */
  const retryOr = (giveUp: string, text: string, smrInvoked: boolean) => [
    {
      guard: ({ context }: any) => context.tries + 1 < opts.retries,
      actions: [assign(({ context }: any) => ({ nonce: context.nonce + 1, tries: context.tries + 1 })), request(smrInvoked), armRetry],
    },
    { target: giveUp, actions: [assign({ tries: 0 }), out(() => ({ kind: 'log', text }))] },
  ];
  const reset = [assign(MAP_CACHE_INITIAL.c), ...['retry', 'ttl', 'suppress'].map((t) => out(() => ({ kind: 'cancel', timer: t })))];

  return setup({
    types: { context: {} as MapCacheContext, events: {} as MapCacheEvent },
    actions: { out: () => {} },
  }).createMachine(<any>{
    id: 'mapCache',
    initial: 'absent',
    context: MAP_CACHE_INITIAL.c,
    on: {
      reboot: { target: '.absent', actions: reset },
      'timer.suppress': { actions: assign({ suppress: false }) },
    },
    states: {
      // A miss sends an ECM Map-Request to the map-resolver; the packet is dropped while
      // resolving (LISP's first-packet cost; RFC 9301 §5.3 rate limits to 1/s per prefix).
      absent: {
        on: {
          lookup: {
            target: 'resolving',
            actions: [assign(({ context }: any) => ({ nonce: context.nonce + 1, firstNonce: context.nonce + 1, tries: 0 })), request(false), armRetry],
          },
        },
      },
      resolving: {
        on: {
          'reply.receive': onReply(false),
          'timer.retry': retryOr('absent', 'Map-Request unanswered, giving up', false),
        },
      },
      cached: {
        on: {
          // RFC 6830 §6.6.2: on an SMR the (P)ITR sends an SMR-invoked Map-Request with a fresh
          // nonce and keeps using the cached mapping meanwhile. Cisco suppresses further SMRs for
          // the same address for 20 s (PROTOCOL.md §1.5).
          'smr.receive': [
            { guard: () => smrIgnored, actions: out(() => ({ kind: 'log', text: 'SMR ignored (solicit-map-request ignore)' })) },
            { guard: ({ context }: any) => context.suppress, actions: out(() => ({ kind: 'log', text: 'SMR suppressed (suppression time)' })) },
            {
              target: 'refreshing',
              actions: [
                assign(({ context, event }: any) => ({ nonce: context.nonce + 1, firstNonce: context.nonce + 1, tries: 0, suppress: true, smrSource: event.source })),
                out(({ event }) => ({ kind: 'log', text: `SMR received from ${event.source}, sending SMR-invoked Map-Request` })),
                request(true),
                armRetry,
                out(() => ({ kind: 'arm', timer: 'suppress', after: { timer: 'smrSuppression' } })),
              ],
            },
          ],
          'timer.ttl': { target: 'absent', actions: [assign({ rlocs: [] }), out(() => ({ kind: 'log', text: 'map-cache entry expired' }))] },
          'reply.receive': { actions: out(() => ({ kind: 'log', text: 'unsolicited Map-Reply: dropped' })) },
        },
      },
      refreshing: {
        on: {
          'reply.receive': onReply(true),
          // RFC 6830 §6.6.2 step 4: unanswered, the cached mapping stays in use.
          'timer.retry': retryOr('cached', 'SMR-invoked Map-Request unanswered, keeping the cached mapping', true),
          'timer.ttl': { target: 'absent', actions: [assign({ rlocs: [] }), out(() => ({ kind: 'cancel', timer: 'retry' }))] },
          'smr.receive': { actions: out(() => ({ kind: 'log', text: 'SMR while refreshing: already outstanding' })) },
        },
      },
      negative: {
        on: {
          'timer.ttl': { target: 'absent', actions: [assign({ action: '' }), out(() => ({ kind: 'log', text: 'negative map-cache entry expired' }))] },
          'reply.receive': { actions: out(() => ({ kind: 'log', text: 'unsolicited Map-Reply: dropped' })) },
        },
      },
    },
  });
}
