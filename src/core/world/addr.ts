// IPv4 helpers for the world: parse once with ip-num, then compare plain numbers.
// PURE. ip-num validates and parses (never hand-rolled); containment on the hot path is a
// numeric range check on pre-parsed bounds, which is what ip-num computes but without BigInt.

import { IPv4, IPv4CidrRange } from 'ip-num';

export interface Prefix {
  text: string;
  first: number;
  last: number;
  len: number;
}

const parsed = new Map<string, number>();

/** Dotted quad -> number, memoised: the world asks for the same few addresses millions of times. */
export function ipNum(text: string): number {
  let n = parsed.get(text);
  if (n === undefined) {
    n = Number(IPv4.fromString(text).getValue());
    parsed.set(text, n);
  }
  return n;
}

export function prefix(text: string): Prefix {
  const range = IPv4CidrRange.fromCidr(text);
  return {
    text,
    first: Number(range.getFirst().getValue()),
    last: Number(range.getLast().getValue()),
    len: Number(range.getPrefix().getValue()),
  };
}

/** The prefix of `len` bits that contains `address`. */
export function subnetOf(address: string, len: number): Prefix {
  const n = ipNum(address);
  const size = 2 ** (32 - len);
  const first = Math.floor(n / size) * size;
  const text = `${IPv4.fromNumber(BigInt(first)).toString()}/${len}`;
  return { text, first, last: first + size - 1, len };
}

export function contains(p: Prefix, ip: number): boolean {
  return ip >= p.first && ip <= p.last;
}
