// IPv4 text helpers for the config loader: validate addresses, masks and prefixes and test
// containment, all through ip-num (no hand-rolled bit math). PURE.
// Prefixes are returned in canonical "a.b.c.d/len" text, the form the Scenario carries.

import { IPv4CidrRange, IPv4Mask, Validator } from 'ip-num';

/** True when `text` is a dotted-quad IPv4 address. */
export function isIpv4(text: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(text) && Validator.isValidIPv4String(text)[0];
}

/** Prefix length of a dotted mask (`255.255.255.0` -> 24), or undefined if not a contiguous mask. */
export function maskLength(mask: string): number | undefined {
  const known = MASKS.get(mask);
  if (known !== undefined) return known;
  if (!isIpv4(mask) || !Validator.isValidIPv4Mask(mask)[0]) return undefined;
  const length = Number(new IPv4Mask(mask).prefix);
  MASKS.set(mask, length);
  return length;
}
/** Valid masks seen (at most 33): a config repeats a few masks on thousands of interfaces. */
const MASKS = new Map<string, number>();

export type PrefixParse = { ok: true; prefix: string; length: number } | { ok: false; reason: string };

/** Parse "a.b.c.d/len"; host bits must be zero (IOS prints EID prefixes as networks). */
export function parsePrefix(text: string): PrefixParse {
  const m = /^([0-9.]+)\/(\d{1,2})$/.exec(text);
  if (!m || !isIpv4(m[1]) || Number(m[2]) > 32) return { ok: false, reason: 'is not an IPv4 prefix a.b.c.d/len' };
  const cidr = `${m[1]}/${Number(m[2])}`;
  if (!Validator.isValidIPv4CidrRange(cidr)[0]) {
    return { ok: false, reason: `has host bits set (the network is ${network(m[1], Number(m[2]))})` };
  }
  return { ok: true, prefix: cidr, length: Number(m[2]) };
}

/** The network prefix "a.b.c.d/len" containing `address`. */
export function network(address: string, length: number): string {
  return IPv4CidrRange.fromCidr(`${address}/${length}`).getFirst().toString() + `/${length}`;
}

/** True when `inner` (a prefix or a bare address) lies inside prefix `outer`. */
export function covers(outer: string, inner: string): boolean {
  const innerCidr = inner.includes('/') ? inner : `${inner}/32`;
  return IPv4CidrRange.fromCidr(innerCidr).inside(IPv4CidrRange.fromCidr(outer));
}

/** True when `address` is in the subnet of interface address `ifaceAddress/length`. */
export function inSubnet(address: string, ifaceAddress: string, length: number): boolean {
  return covers(network(ifaceAddress, length), address);
}

/** Prefix length of canonical prefix text. */
export function prefixLength(prefix: string): number {
  return Number(prefix.slice(prefix.indexOf('/') + 1));
}
