// Diagnostic codes of the config loader and the static lint, one table so codes stay stable and
// documented in one place (diagnostic.ts: RC2xx files and syntax, RC3xx model semantics). PURE.

export const CONFIG_CODES = {
  // RC2xx: files and syntax
  fileUnreadable: 'RC201', // model folder or file missing or unreadable
  noScenario: 'RC202', // the folder has no scenario.yaml
  noRouters: 'RC203', // a `routers:` glob (or the default *.cfg) matched no file
  tooLarge: 'RC204', // an input over its size limit (config, scenario, trace file; trace actions): README "Limits"
  unknownLine: 'RC210', // unknown line inside router lisp or on a mobility interface (warning)
  unsupportedLine: 'RC211', // a malformed or unsupported form of a modelled command (error)
  badAddress: 'RC212', // malformed address, mask, prefix or MAC
  undefinedRef: 'RC213', // reference to an undefined locator-set, interface or dynamic-eid
  badValue: 'RC214', // number missing or out of range
  noHostname: 'RC215', // config has no hostname (file name used)
  duplicateDef: 'RC216', // block defined twice, or a second mapping where one is allowed
  approximated: 'RC217', // understood but modelled approximately (IPv6, type-6 key, shutdown …)
  notModelled: 'RC218', // understood, not modelled (RLOC probing, L2 service ethernet, RIB export, PubSub …): warning
  yamlSyntax: 'RC220', // YAML that does not parse
  yamlType: 'RC221', // a key has a value of the wrong type or form
  yamlUnknownKey: 'RC222',
  yamlMissingKey: 'RC223',
  yamlAliases: 'RC224', // YAML aliases expand past the yaml package's maxAliasCount (LIMITS.yamlAliases)
  // RC30x: model semantics found while building the Scenario
  unknownRouter: 'RC301',
  unknownInterface: 'RC302',
  duplicateName: 'RC303', // duplicate router, host, client or segment name, IP or MAC
  outsideSubnet: 'RC304', // host or gateway address outside the attached subnet
  unknownEndpoint: 'RC305', // traffic names no host or client; `together:` names no host
  notPitr: 'RC306', // a client's `via` router is not a PITR
  segmentConflict: 'RC307', // interface in two segments, or an empty segment
  unknownProperty: 'RC308', // `expect:` names no known property
  addressOwnership: 'RC309', // one address on two routers' interfaces (error), or a proxy-itr/RLOC on another's (warning)
  // RC31x: static lint findings (lint.ts)
  keyMismatch: 'RC310', // F7
  eidNotCovered: 'RC311', // dynamic-EID outside every MS site prefix
  noAcceptMoreSpecifics: 'RC312', // F8
  gatewayMacMismatch: 'RC313', // F9
  moveWithoutMobility: 'RC314', // F10/F11
  unknownMapServer: 'RC315',
  unknownMapResolver: 'RC316',
  unknownPetr: 'RC317',
  noProxyReply: 'RC318', // F12/F13 recovery impossible
  intraSubnetNote: 'RC319', // info: ASM move with same-subnet peers (F12), expected
  inconsistentDynEid: 'RC320', // CISCO-VMCMD: one roaming range, one prefix everywhere
  roleIncomplete: 'RC321', // ETR without map-server, ITR without map-resolver, …
  dynEidUnattached: 'RC322', // dynamic-eid on no interface (F10)
  moveAcrossInstances: 'RC323', // a host may move to an interface whose VRF is another instance-id
  moveGroup: 'RC324', // `together:` group hosts cannot make: destination not among the host's places, host in two groups, larger than bounds.moves (warning)
  noHosts: 'RC325', // the scenario declares no host: every property would hold on nothing
} as const;

export type ConfigCode = (typeof CONFIG_CODES)[keyof typeof CONFIG_CODES];
