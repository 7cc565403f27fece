// Cisco "type 7" password decoding, so `key 7 …` on an ETR compares equal to the same key typed
// in clear on the Map-Server (PROTOCOL.md F7 is about keys that differ, not encodings). PURE.
// Type 7 is a published XOR obfuscation, not encryption; type 6 (AES) cannot be decoded here.

const XLAT = 'dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87';

/** Decode a type-7 string (`0822455D0A16`), or undefined if it is not well formed. */
export function decodeType7(encoded: string): string | undefined {
  if (!/^\d{2}([0-9A-Fa-f]{2})*$/.test(encoded) || encoded.length < 2) return undefined;
  const seed = Number(encoded.slice(0, 2));
  if (seed >= XLAT.length) return undefined;
  let out = '';
  for (let i = 2, k = seed; i < encoded.length; i += 2, k++) {
    out += String.fromCharCode(parseInt(encoded.slice(i, i + 2), 16) ^ XLAT.charCodeAt(k % XLAT.length));
  }
  return out;
}
