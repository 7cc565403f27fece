// EIDs are (instance-id, address) pairs: LISP keeps one EID space per instance-id (RFC 9300
// §3 "EID-Prefix … qualified by an Instance ID", RFC 9301 §5.4 the Instance ID in LCAF; an IOS-XE
// `instance-id N` with `eid-table vrf V`, PROTOCOL.md §5.1). PURE.
// In the world an EID is one string, so actor ids, messages and keys stay plain data: the bare
// address for instance-id 0 (models with one table keep the keys, traces and fingerprints they
// always had) and `[N]a.b.c.d` otherwise, the way IOS prints `[N] a.b.c.d/32`.

const parsed = new Map<string, { iid: number; ip: string }>();

/** The world's key for `ip` in instance-id `iid`. */
export function eidKey(iid: number, ip: string): string {
  return iid === 0 ? ip : `[${iid}]${ip}`;
}

/** Instance-id and address of an EID key, memoised (the hot loop asks for the same few). */
export function eidParts(eid: string): { iid: number; ip: string } {
  let p = parsed.get(eid);
  if (p === undefined) {
    const m = /^\[(-?\d+)\](.*)$/.exec(eid);
    p = m ? { iid: Number(m[1]), ip: m[2] } : { iid: 0, ip: eid };
    parsed.set(eid, p);
  }
  return p;
}

export const eidIp = (eid: string): string => eidParts(eid).ip;
export const eidIid = (eid: string): number => eidParts(eid).iid;
