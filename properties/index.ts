// The built-in property suite (DESIGN.md §3), in contract order.

import type { Property } from '../src/core/properties/property.js';
import { eventualReachability } from './eventualReachability.js';
import { intraSubnetReachability } from './intraSubnetReachability.js';
import { intraSubnetReachabilityEventual } from './intraSubnetReachabilityEventual.js';
import { noBlackholeAfterSmr } from './noBlackholeAfterSmr.js';
import { registrationAuthenticated } from './registrationAuthenticated.js';
import { singleAuthoritativeRloc } from './singleAuthoritativeRloc.js';

export const BUILTIN_PROPERTIES: readonly Property<any>[] = [
  noBlackholeAfterSmr,
  singleAuthoritativeRloc,
  intraSubnetReachability,
  intraSubnetReachabilityEventual,
  eventualReachability,
  registrationAuthenticated,
];

export { eventualReachability, intraSubnetReachability, intraSubnetReachabilityEventual, noBlackholeAfterSmr, registrationAuthenticated, singleAuthoritativeRloc };
