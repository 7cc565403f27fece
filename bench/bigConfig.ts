// Large router configs for the config parser's linearity: the seed lab's dcedge-1 grown to a given
// size in one of several shapes (many interfaces, one interface with many `lisp mobility` lines,
// many dynamic-EIDs, many map-servers). Used by bench/configParse.ts and by a unit test that checks
// the result. PURE (text in, text out).

export type BigShape = 'interfaces' | 'mobility' | 'dynamicEids' | 'mapServers';
export const BIG_SHAPES: readonly BigShape[] = ['interfaces', 'mobility', 'dynamicEids', 'mapServers'];

/** A distinct /32-style address per index, inside 172.16.0.0/12 (unused by the seed lab). */
const addr = (i: number) => `172.${16 + ((i >> 16) & 15)}.${(i >> 8) & 255}.${i & 255}`;

const UNIT: Record<BigShape, (i: number) => string> = {
  interfaces: (i) => `interface Loopback${i}\n description filler ${i}\n ip address ${addr(i)} 255.255.255.255\n!\n`,
  mobility: () => ' lisp mobility west_dc\n',
  dynamicEids: (i) => `  dynamic-eid filler${i}\n   database-mapping ${addr(i)}/32 locator-set west_dc\n   exit\n  !\n`,
  mapServers: (i) => ` ipv4 etr map-server ${addr(i)} key alldcs\n`,
};

/** Where each shape's lines go in dcedge-1.cfg. */
const ANCHOR: Record<BigShape, string> = {
  interfaces: 'router lisp\n',
  mobility: ' lisp mobility west_dc\n',
  dynamicEids: '  dynamic-eid west_dc\n',
  mapServers: ' ipv4 etr\n',
};

/** `base` (dcedge-1.cfg) grown to at least `bytes` in `shape`; also how many units were added. */
export function bigConfig(base: string, shape: BigShape, bytes: number): { text: string; units: number } {
  const at = base.indexOf(ANCHOR[shape]);
  if (at < 0) throw new Error(`bigConfig: the base config has no "${ANCHOR[shape].trim()}" (is it dcedge-1.cfg?)`);
  const parts: string[] = [];
  let size = base.length;
  let units = 0;
  while (size < bytes) {
    const u = UNIT[shape](units++);
    parts.push(u);
    size += u.length;
  }
  return { text: base.slice(0, at) + parts.join('') + base.slice(at), units };
}
