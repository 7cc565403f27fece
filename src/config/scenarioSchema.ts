// The schema of scenario.yaml (DESIGN.md §5) in valibot: what each key may hold, with the message
// and hint a user sees. PURE. Messages are `must\nhint` (see `expected`), split again by
// parseScenarioYaml, which maps each issue's path to the YAML line it came from.
// valibot rather than zod or TypeBox: 1.9 MB and no dependencies against zod's 6 MB, every issue
// with its path collected in one pass, and a custom message per check (TypeBox's are JSON Schema's).

import * as v from 'valibot';
import { LIMITS } from '../core/limits.js';
import { isReservedKey } from '../core/reservedKey.js';
import { REGISTRATIONS } from '../core/scenario.js';
import { BOUND_KEYS, boundRule, isNumberBound, TIMER_KEYS, timerRule, type NumberRule } from '../core/valueRules.js';
import { isIpv4 } from './ipv4.js';

/** `must` (completes `"path" must …`: `be a list`, `name two hosts`) and a hint, in one valibot message. */
export function expected(must: string, hint: string): string {
  return `${must}\n${hint}`;
}

/** Unknown keys are reported by parseScenarioYaml with the allowed ones (for did-you-mean). */
export const UNKNOWN_KEY = 'unknown key';

/** valibot's object and record schemas take arrays too; a YAML list is never a mapping. */
const isMapping = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
const MAPPING = expected('be a mapping (key: value)', 'write one `key: value` per line, or { key: value, … }');
const LIST = expected('be a list', 'write [a, b] or one `- item` per line');

const STRING = expected('be a non-empty string', 'write a name or text, quoted if it contains : or #');
const text = v.pipe(v.string(STRING), v.trim(), v.minLength(1, STRING));

const NAME = expected('be a name other than __proto__, constructor, toString and the other names every JavaScript object has', 'e.g. vm1');
/** Names key records in the world (`hostAt[name]`): an Object.prototype name would reach the prototype. */
const name = v.pipe(
  text,
  v.check((s) => !isReservedKey(s), NAME),
);

const IP = expected('be an IPv4 address', 'e.g. 192.168.1.10');
const ipv4 = v.pipe(v.string(IP), v.check(isIpv4, IP));

const MAC = expected('be a MAC address in Cisco dotted form', 'e.g. 0050.5600.0010');
const mac = v.pipe(v.string(MAC), v.regex(/^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/i, MAC), v.toLowerCase());

const ATTACH = expected('be "ROUTER INTERFACE"', 'e.g. dcedge-1 GigabitEthernet2');
/** `ROUTER IFACE` (IFACE may be left out when the router has one mobility interface). */
const attach = v.pipe(
  text,
  v.check((s) => s.split(/\s+/).length <= 2, ATTACH),
);

const bool = v.boolean(expected('be true or false', 'write true or false'));
const oneOf = <T extends string>(values: readonly T[]) => v.picklist(values, expected(`be one of ${values.join(', ')}`, `e.g. ${values[0]}`));

/** A number within a rule; `.inf` (YAML's own), `inf`, `unlimited` and `infinity` read as Infinity where allowed. */
function number(r: NumberRule, key: string) {
  const must = expected(`be ${r.fraction ? 'a number' : 'an integer'} from ${r.min} to ${r.max}${r.inf ? ' or .inf / unlimited' : ''}`, `e.g. ${key}: ${r.min === 0 ? 0 : 1}`);
  return v.pipe(
    v.unknown(),
    v.transform((x) => (r.inf && typeof x === 'string' && /^(unlimited|inf|infinity)$/i.test(x) ? Infinity : x)),
    v.check((x) => typeof x === 'number' && ((x === Infinity && r.inf === true) || (x >= r.min && x <= r.max && (r.fraction === true || Number.isInteger(x)))), must),
    v.transform((x) => x as number),
  );
}

/**
 * The schema of the whole file. `lenient` makes a second reading that never fails: each value
 * that does not fit becomes undefined (a list item keeps its index), so the loader can go on with
 * the valid rest and report every later problem too; the strict reading gives the diagnostics.
 */
export function scenarioSchema(lenient = false) {
  /** A value under a key: required unless `optional`; in a lenient reading, undefined when bad. */
  const key = <T extends v.GenericSchema>(s: T, optional = false) => (lenient ? v.optional(v.fallback(s, undefined)) : optional ? v.optional(s) : s);
  /** A mapping with exactly these keys; the message names the allowed keys for unknown ones. */
  const mapping = <T extends v.ObjectEntries>(entries: T) => {
    const keys = Object.keys(entries);
    return v.pipe(
      v.custom<Record<string, unknown>>(isMapping, MAPPING),
      lenient ? v.object(entries, MAPPING) : v.strictObject(entries, (i) => (i.expected === 'never' ? `${UNKNOWN_KEY}\n${keys.join(', ')}` : MAPPING)),
    );
  };
  const list = <T extends v.GenericSchema>(item: T) => v.array(lenient ? v.fallback(item, undefined) : item, LIST);

  /** `moves: [ROUTER IFACE, ...]` (unlimited per host) or `moves: { to: [...], max: N }`. */
  const hostMoves = v.lazy((input) => (isMapping(input) ? mapping({ to: key(list(attach)), max: key(number({ min: 0, max: LIMITS.budget }, 'max'), true) }) : list(attach)));
  const host = mapping({
    name: key(name),
    ip: key(ipv4),
    mac: key(mac),
    at: key(attach),
    gateway: key(ipv4, true),
    moves: key(hostMoves, true),
  });
  const client = mapping({ name: key(name), ip: key(ipv4), via: key(text) });
  const segment = mapping({ name: key(name), interfaces: key(list(attach)), isolated: key(bool, true) });
  const timers = mapping(Object.fromEntries(TIMER_KEYS.map((k) => [k, key(number(timerRule(k), k), true)])));
  const bounds = mapping(Object.fromEntries(BOUND_KEYS.map((k) => [k, key(isNumberBound(k) ? number(boundRule(k), k) : bool, true)])));
  /** Maps whose keys are data (`expect:`, a `together:` group): bad values dropped one by one. */
  const record = <T extends v.GenericSchema>(value: T) => v.pipe(v.custom<Record<string, unknown>>(isMapping, MAPPING), v.record(v.string(), lenient ? v.fallback(value, undefined) : value, MAPPING));

  const PAIR = expected('be a pair [source, destination]', 'e.g. [client, vm1]');
  const pair = v.pipe(v.array(text, PAIR), v.length(2, PAIR));
  /** One `together:` group: `{ HOST: ROUTER IFACE, HOST: ROUTER IFACE }`. */
  const group = v.pipe(
    record(attach),
    v.check((g) => Object.keys(g).length >= 2, expected('name at least two hosts', 'e.g. { vm1: dcedge-2 GigabitEthernet2, vm2: dcedge-1 GigabitEthernet2 }; a host that moves alone needs no group')),
  );

  return mapping({
    name: key(text, true),
    description: key(text, true),
    routers: key(list(text), true),
    hosts: key(list(host), true),
    clients: key(list(client), true),
    segments: key(list(segment), true),
    traffic: key(list(pair), true),
    together: key(list(group), true),
    timers: key(timers, true),
    registration: key(oneOf(REGISTRATIONS), true),
    bounds: key(bounds, true),
    // The convergence bound (DESIGN.md §3): positive seconds and a whole number of retransmissions.
    convergence: key(
      mapping({
        seconds: key(number({ min: 0.001, max: LIMITS.timerMaxSeconds, fraction: true }, 'seconds'), true),
        retransmissions: key(number({ min: 1, max: LIMITS.retries }, 'retransmissions'), true),
      }),
      true,
    ),
    // `vacuous` asks for a hold that judged nothing (check --expect).
    expect: key(record(oneOf(['holds', 'violated', 'vacuous'] as const)), true),
  });
}

/** The lenient reading: what the loader builds the ScenarioDoc from. */
export type ScenarioInput = v.InferOutput<ReturnType<typeof scenarioSchema>>;
