// Names that are properties of every plain object (`__proto__`, `constructor`, `toString`, …).
// PURE. Accepted as a key or a name they could reach Object.prototype through a `record[name]`
// lookup, so every input reader rejects them instead of trusting each later lookup to use hasOwn.

/** True for `__proto__`, `constructor`, `toString`, `hasOwnProperty` and the other Object.prototype names. */
export function isReservedKey(key: string): boolean {
  return key in Object.prototype || key === 'prototype';
}
