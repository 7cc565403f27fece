// Config switches for `check --compare KEY=VALUE` that are not scenario options: the proxy-reply
// behaviours an engineer turns on to fix same-subnet reachability (PROTOCOL.md §2.8, F12/F13),
// applied to every interface that carries `lisp mobility`. PURE.

import { diag, type Diagnostic } from './diagnostic.js';
import type { InterfaceSpec, Scenario } from './scenario.js';

/** The switches and the interface flag each sets. */
export const CONFIG_SWITCHES: Readonly<Record<string, keyof Pick<InterfaceSpec, 'nbrProxyReply' | 'localProxyArp' | 'proxyArp' | 'liveness'>>> = {
  'nbr-proxy-reply': 'nbrProxyReply',
  'local-proxy-arp': 'localProxyArp',
  'proxy-arp': 'proxyArp',
  'liveness-test': 'liveness',
};

export const isConfigSwitch = (key: string): boolean => Object.hasOwn(CONFIG_SWITCHES, key);

/** `nbr-proxy-reply=on` and the like, on every `lisp mobility` interface of every router. */
export function applyConfigSwitch(s: Scenario, key: string, value: string): { scenario?: Scenario; diagnostics: Diagnostic[] } {
  const flag = CONFIG_SWITCHES[key];
  const on = /^(on|true|yes|1)$/i.test(value) ? true : /^(off|false|no|0)$/i.test(value) ? false : undefined;
  if (!flag || on === undefined) {
    return { diagnostics: [diag('error', 'RC119', `--compare ${key}=${value}: expected on or off`, { hint: `switches: ${Object.keys(CONFIG_SWITCHES).join(', ')}; or any --set KEY=VALUE` })] };
  }
  const routers = s.routers.map((r) => ({ ...r, interfaces: r.interfaces.map((i) => (i.mobility.length > 0 ? { ...i, [flag]: on } : i)) }));
  return { scenario: { ...s, routers }, diagnostics: [] };
}
