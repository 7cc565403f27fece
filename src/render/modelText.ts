// Renders what roamcheck understood of a model (`roamcheck model`): routers and roles, RLOCs,
// targets, interfaces with gateway MACs and proxy-ARP flags, dynamic-EIDs, MS sites and keys,
// hosts, clients, segments and run options, as aligned text. PURE; colour is injected.

import { DEFAULT_TIMERS, interfaceDynamicEids, type Scenario, type Timers } from '../core/scenario.js';
import { compileTopology } from '../core/world/topology.js';

export interface ModelTextOptions {
  /** Styles a section heading (e.g. bold on a TTY); identity by default. */
  heading?: (text: string) => string;
}

/** Columns padded to their widest cell, two spaces apart, indented by two; nothing if no rows. */
function table(header: string[], rows: string[][]): string[] {
  if (rows.length === 0) return [];
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  return all.map((r) => `  ${r.map((cell, c) => (cell ?? '').padEnd(widths[c])).join('  ')}`.trimEnd());
}

const dash = (s: string | undefined) => (s === undefined || s === '' ? '-' : s);
const inf = (n: number) => (n === Infinity ? 'unlimited' : String(n));
/** An EID or prefix with its instance-id, as IOS prints it (`[4097] 10.1.1.0/24`); bare for 0. */
const inIid = (text: string, iid: number | undefined) => (iid ? `[${iid}] ${text}` : text);

export function renderModelText(s: Scenario, options: ModelTextOptions = {}): string {
  const h = options.heading ?? ((t: string) => t);
  const out: string[] = [`${h(`model ${s.name}`)}${s.description ? `: ${s.description}` : ''}`, ''];
  const section = (title: string, lines: string[]) => {
    if (lines.length > 0) out.push(h(title), ...lines, '');
  };

  section(
    'routers',
    table(
      ['name', 'roles', 'rloc', 'map-resolver', 'map-server (key, hash)', 'use-petr', 'file'],
      s.routers.map((r) => [
        r.name,
        dash(
          (['itr', 'etr', 'ms', 'mr', 'pitr', 'petr'] as const)
            .filter((k) => r[k])
            .map((k) => k.toUpperCase())
            .join(' '),
        ),
        dash(r.rloc),
        dash(r.mapResolver),
        dash(r.mapServers.map((m) => `${m.address} (${m.key || 'no key'}, ${m.hashFunction}${m.proxyReply ? ', proxy-reply' : ''})`).join(', ')),
        dash(r.usePetr),
        dash(r.file),
      ]),
    ),
  );

  // Which routers share a subnet (anycast gateway): the world's own reading (topology.ts).
  const topo = compileTopology(s);
  const sharedWith = (router: string, iface: string) => {
    const mine =
      topo.routers
        .get(router)
        ?.ifaces.find((x) => x.name === iface)
        ?.sharedSubnets.map((p) => p.text) ?? [];
    if (mine.length === 0) return '';
    const others = [...topo.routers.values()].filter((r) => r.name !== router && r.ifaces.some((x) => x.sharedSubnets.some((p) => mine.includes(p.text)))).map((r) => r.name);
    return `${mine.join(' ')} shared with ${others.join(' ')}`;
  };
  section(
    'interfaces',
    table(
      ['router', 'interface', 'address', 'mac', 'virtual mac/ip', 'arp', 'mobility'],
      s.routers.flatMap((r) =>
        r.interfaces.map((i) => {
          const arp = [
            i.proxyArp ? 'proxy-arp' : 'no proxy-arp',
            i.nbrProxyReply ? 'nbr-proxy-reply' : '',
            i.localProxyArp ? 'local-proxy-arp' : '',
            i.arpTimeout !== 14400 ? `timeout ${i.arpTimeout}s` : '',
          ]
            .filter(Boolean)
            .join(', ');
          const mob =
            i.mobility.length === 0
              ? '-'
              : [i.mobility.join(' '), i.extendedSubnet ? 'ESM' : '', i.discoverArp ? 'discover-arp' : '', i.liveness ? '' : 'no liveness', sharedWith(r.name, i.name)].filter(Boolean).join(', ');
          const address = [i.address ? `${i.address}/${i.prefixLength}` : '', ...i.secondary.map((x) => `${x.address}/${x.prefixLength} (sec)`)].filter(Boolean).join(', ');
          return [r.name, i.name + (i.vrf ? ` (vrf ${i.vrf})` : ''), dash(address), i.mac, dash([...i.virtualMacs, ...i.virtualIps].join(' ')), arp, mob];
        }),
      ),
    ),
  );

  section(
    'dynamic-EIDs',
    table(
      ['router', 'name', 'prefix', 'locator-set', 'rlocs', 'interfaces', 'map-notify-group'],
      s.routers.flatMap((r) =>
        r.dynamicEids.map((d) => [
          r.name,
          d.name,
          inIid(d.prefix, d.instanceId),
          dash(d.locatorSet),
          dash(d.rlocs.join(' ')),
          dash(
            r.interfaces
              .filter((i) => interfaceDynamicEids(r, i).includes(d))
              .map((i) => i.name)
              .join(' '),
          ),
          dash(d.mapNotifyGroup),
        ]),
      ),
    ),
  );

  section(
    'EID tables',
    table(
      ['router', 'instance-id', 'vrf'],
      s.routers.flatMap((r) => (r.eidTables ?? []).map((t) => [r.name, String(t.instanceId), t.vrf ?? '(global)'])),
    ),
  );

  section(
    'database-mappings',
    table(
      ['router', 'prefix', 'rlocs'],
      s.routers.flatMap((r) => r.databaseMappings.map((m) => [r.name, inIid(m.prefix, m.instanceId), dash(m.rlocs.join(' '))])),
    ),
  );

  section(
    'map-server sites',
    table(
      ['router', 'site', 'key', 'eid-prefixes'],
      s.routers.flatMap((r) =>
        r.sites.map((x) => [r.name, x.name, x.key || '(none)', dash(x.prefixes.map((p) => inIid(p.prefix, p.instanceId) + (p.acceptMoreSpecifics ? ' accept-more-specifics' : '')).join(', '))]),
      ),
    ),
  );

  section(
    'static map-cache',
    table(
      ['router', 'prefix', 'action'],
      s.routers.flatMap((r) => r.staticMapCache.map((m) => [r.name, inIid(m.prefix, m.instanceId), m.action])),
    ),
  );

  const smr = s.routers.filter((r) => r.smrIgnore || r.smrSuppression !== 20 || r.mapCacheTtl !== 1440);
  section(
    'ITR settings',
    table(
      ['router', 'map-cache-ttl', 'smr'],
      smr.map((r) => [r.name, `${r.mapCacheTtl} min`, r.smrIgnore ? 'ignore' : `suppression ${r.smrSuppression}s`]),
    ),
  );

  section(
    'hosts',
    table(
      ['name', 'ip', 'mac', 'at', 'gateway', 'moves'],
      s.hosts.map((x) => [
        x.name,
        inIid(`${x.ip}/${x.prefixLength}`, x.instanceId),
        x.mac,
        `${x.at.router} ${x.at.iface}`,
        x.gateway,
        dash(x.moves.map((m) => `${m.router} ${m.iface}`).join(', ')) + (x.moveMax === undefined ? '' : ` (max ${x.moveMax})`),
      ]),
    ),
  );

  section(
    'clients',
    table(
      ['name', 'ip', 'via'],
      s.clients.map((c) => [c.name, c.ip, c.via]),
    ),
  );

  section(
    'segments',
    table(
      ['name', 'isolated', 'interfaces'],
      s.segments.map((g) => [g.name, g.isolated ? 'yes' : 'no', g.interfaces.map((a) => `${a.router} ${a.iface}`).join(', ')]),
    ),
  );

  const changed = (Object.keys(DEFAULT_TIMERS) as (keyof Timers)[]).filter((k) => s.timers[k] !== DEFAULT_TIMERS[k]);
  const b = s.bounds;
  section('run', [
    `  traffic       ${dash(s.traffic.map(([a, z]) => `${a} -> ${z}`).join(', '))}`,
    ...(s.together?.length ? [`  together      ${s.together.map((g) => g.moves.map((m) => `${m.host} -> ${m.to.router} ${m.to.iface}`).join(' + ')).join('; ')}`] : []),
    `  registration  ${s.registration}`,
    `  bounds        moves=${b.moves} losses=${b.losses} duplicates=${b.duplicates} reboots=${b.reboots} spoofs=${b.spoofs} steps=${b.steps} maxLatency=${inf(b.maxLatency)} timerExpiries=${inf(b.timerExpiries)}${b.settleBeforeMove ? ' settleBeforeMove' : ''}`,
    `  timers        ${changed.length === 0 ? 'defaults' : changed.map((k) => `${k}=${s.timers[k]}${k.endsWith('Retries') ? '' : 's'}`).join(' ')}`,
    `  expect        ${dash(
      Object.entries(s.expect)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', '),
    )}`,
  ]);
  return out.join('\n').trimEnd() + '\n';
}
