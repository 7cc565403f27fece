// Every machine definition by name, as the documentation diagrams draw them (no mutant, the
// timestamped variant so that every transition exists). PURE.

import type { AnyStateMachine } from 'xstate';
import { createArpCacheMachine } from './arpCacheMachine.js';
import { createDynEidMachine } from './dynEidMachine.js';
import { createMapCacheMachine } from './mapCacheMachine.js';
import { createMapServerMachine } from './mapServerMachine.js';

export function machineCatalog(): { name: string; machine: AnyStateMachine; about: string }[] {
  const none = new Set<string>();
  return [
    { name: 'dynEidMachine', machine: createDynEidMachine(none, { timestamped: true }), about: 'dynamic-EID lifecycle of one host on one xTR' },
    { name: 'mapServerMachine', machine: createMapServerMachine(none, 'timestamped', 3), about: "the Map-Server's registration of one EID" },
    { name: 'mapCacheMachine', machine: createMapCacheMachine(none, { retries: 3, smrIgnore: false }), about: 'one ITR/PITR map-cache entry' },
    { name: 'arpCacheMachine', machine: createArpCacheMachine(none, { kind: 'host', retries: 3 }), about: "one host's ARP entry" },
  ];
}
