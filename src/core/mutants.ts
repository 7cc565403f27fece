// The bug zoo (DESIGN.md §4): deliberate bugs, each a small switch inside the machines or the
// world, never a copy of them. PURE data.

export interface MutantInfo {
  id: string;
  bug: string;
  /** The property that must catch it. */
  breaks: string;
}

export const MUTANTS: readonly MutantInfo[] = [
  { id: 'no-smr', bug: 'the old xTR never sends SMR for an away EID', breaks: 'eventual-reachability' },
  { id: 'smr-ignored', bug: 'ITRs ignore SMRs', breaks: 'eventual-reachability' },
  { id: 'smr-request-to-source', bug: "the SMR-invoked Map-Request goes to the SMR's sender, which answers from stale state", breaks: 'no-blackhole-after-smr' },
  { id: 'no-notify-previous', bug: 'the MS does not send Map-Notify to the previous RLOC', breaks: 'single-authoritative-rloc' },
  { id: 'refresh-after-move', bug: 'the old xTR keeps refreshing its registration after the host left (no liveness test, no away state)', breaks: 'single-authoritative-rloc' },
  { id: 'merge-rlocs', bug: 'the MS merges instead of replacing RLOC sets', breaks: 'single-authoritative-rloc' },
  { id: 'any-nonce', bug: 'ITRs accept Map-Replies with any nonce', breaks: 'no-blackhole-after-smr' },
  { id: 'no-proxy-reply', bug: 'xTRs do not answer ARP for away or remote EIDs', breaks: 'intra-subnet-reachability-eventual' },
  { id: 'no-auth-check', bug: 'the MS accepts registrations with a wrong key', breaks: 'registration-authenticated' },
];

export function findMutant(id: string): MutantInfo | undefined {
  return MUTANTS.find((m) => m.id === id);
}
