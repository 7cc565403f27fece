// `router lisp` lines that roamcheck understands but does not model: campus-fabric / SD-Access
// (DNA Center) and other IOS-XE features whose effect the model leaves out. PURE data plus a
// matcher. Each becomes one RC218 warning per kind and file (configState.notModelled), never an
// error: the rest of the config still means what it says.

/** One kind of not-modelled line: pattern over the command text (`no ` and `ipv4 ` removed). */
export interface NotModelledRule {
  kind: string;
  pattern: RegExp;
  /** Why it is not modelled, with the source of the rule. */
  what: string;
  hint: string;
  /** The line opens a block whose contents belong to it (skipped silently). */
  block?: boolean;
}

const L2_WHAT = 'L2 LISP (`service ethernet`, MAC EIDs, flooding; PROTOCOL.md §2.1, EIDMOB) is not modelled; roamcheck models the IPv4 service';
const L2_HINT = 'hosts move and are detected by their IPv4 EIDs; L2 instance-ids are ignored';

export const NOT_MODELLED: readonly NotModelledRule[] = [
  {
    kind: 'pubsub',
    pattern: /^publish-subscribe\b/,
    what: 'PubSub (RFC 9437) pushes mapping changes to subscribers; roamcheck keeps modelling SMR-based repair (PROTOCOL.md §2.2)',
    hint: 'read verdicts as those of an SMR-based network; with PubSub, ITRs may learn of a move sooner',
  },
  {
    kind: 'rloc-probing',
    pattern: /^(loc-reach-algorithm|remote-rloc-probe)\b/,
    what: 'RLOC reachability probing is not modelled; every RLOC is reachable in the model (PROTOCOL.md §1.9, XE-YANG)',
    hint: 'no change needed; underlay failures are out of scope',
  },
  {
    kind: 'rib-export',
    pattern: /^(route-export|route-import|import database|distance|map-cache site-registration)\b/,
    what: 'exchanging LISP state with the RIB (route-export/-import, import database, distance, map-cache site-registration; XE-YANG) is not modelled; forwarding follows the LISP map-cache only',
    hint: 'verdicts about a border that imports or exports routes cover its LISP behaviour only',
  },
  {
    kind: 'nmr-ttl',
    pattern: /^(map-server nmr|itr nmr-ttl)\b/,
    what: 'negative Map-Reply TTLs are scenario timers in roamcheck, not per-router settings (PROTOCOL.md §5.1)',
    hint: 'set timers.negativeTtlSite / timers.negativeTtlNonEid in scenario.yaml to match',
  },
  { kind: 'l2', pattern: /^service ethernet$/, block: true, what: L2_WHAT, hint: L2_HINT },
  { kind: 'l2', pattern: /^(broadcast-underlay|flood|eid-table vlan|database-mapping mac)\b/, what: L2_WHAT, hint: L2_HINT },
  {
    kind: 'mapping-system',
    pattern: /^(alt-vrf|ddt|map-resolver-ddt)\b/,
    what: 'LISP-ALT and DDT mapping systems are not modelled; roamcheck resolves through a Map-Server/Map-Resolver',
    hint: 'give the xTRs an `itr map-resolver` that is a router of the model',
  },
  {
    kind: 'ms-transport',
    pattern: /^map-server (rloc|session)\b/,
    what: 'SD-Access reliable-transport sessions and RLOC-member distribution at the Map-Server are not modelled; registrations are UDP messages in the model (RFC 9301 §5.6)',
    hint: 'no change needed; TCP sessions only change how registrations travel',
  },
];

/** Site-block lines that restrict registration by RLOC (XE-YANG `allowed-locator`). */
export const SITE_NOT_MODELLED: NotModelledRule = {
  kind: 'allowed-locator',
  pattern: /^(allowed-locator|allowed-rloc|allow-locator-default-etr)\b/,
  what: 'restricting which RLOCs may register a site (XE-YANG) is not modelled; the Map-Server accepts any RLOC with the right key',
  hint: 'a registration refused only by this rule is accepted in the model',
};

/** Per-dynamic-EID map-servers and EID-notify (XE-YANG; CISCO-ESMMH for ESM multihop). */
export const DYN_NOT_MODELLED: NotModelledRule = {
  kind: 'dyn-map-server',
  pattern: /^(map-server|eid-notify)\b/,
  what: 'per-dynamic-EID map-servers and EID-notify (ESM multihop, CISCO-ESMMH) are not modelled; the dynamic-EID registers with the `etr map-server`s of the router',
  hint: "if this dynamic-EID uses another Map-Server than the router, model that one as the router's `etr map-server`",
};

/** The rule matching a command text (`no ` and `ipv4 ` already removed), if any. */
export function matchNotModelled(text: string): NotModelledRule | undefined {
  return NOT_MODELLED.find((r) => r.pattern.test(text));
}
