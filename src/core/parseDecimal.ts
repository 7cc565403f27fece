// The one number grammar of command-line values, override strings and `--do wait`: plain decimal
// digits, optionally with a fraction. PURE. No sign, hex, exponent, spaces or empty text, so
// `0x10`, `1e3`, `+1` and `''` are errors rather than numbers JavaScript's Number() would accept.

const INTEGER = /^[0-9]{1,16}$/;
const FRACTION = /^[0-9]{1,16}(\.[0-9]{1,16})?$/;

/** The number `text` spells, or undefined when it is not in the grammar or not in [min, max]. */
export function parseDecimal(text: string, o: { min: number; max: number; fraction?: boolean }): number | undefined {
  if (!(o.fraction ? FRACTION : INTEGER).test(text)) return undefined;
  const n = Number(text);
  return n >= o.min && n <= o.max ? n : undefined;
}

/** "a whole number from 0 to 10000" / "a number of seconds from 0.001 to …": for messages. */
export function describeRange(o: { min: number; max: number; fraction?: boolean }, what = o.fraction ? 'a number' : 'a whole number'): string {
  return `${what} from ${o.min} to ${o.max}`;
}
