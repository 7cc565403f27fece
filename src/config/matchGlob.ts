// Glob matching for the `routers:` list of scenario.yaml (DESIGN.md §5): `*` and `?` within one
// path segment, a `**` segment for any number of whole segments. PURE.
// Kept in-house on purpose: picomatch (and every glob library that compiles to a JavaScript
// RegExp) backtracks exponentially on `*a*a*a…*b` against a long name (picomatch 4.0.7: 5 stars
// against a 255-character name, 80 s). This is the classic two-pointer wildcard match, used at
// both levels: O(glob × name) at worst, whatever the glob.

/** True when `path` (forward slashes, relative to the model folder) matches `glob`. */
export function matchGlob(glob: string, path: string): boolean {
  return wildcard(glob.split('/'), path.split('/'), (g) => g === '**', matchSegment);
}

function matchSegment(glob: string, name: string): boolean {
  return wildcard(
    glob,
    name,
    (c) => c === '*',
    (c, x) => c === '?' || c === x,
  );
}

/**
 * Does `subject` match `pattern`, where a star item matches any run of subject items and any other
 * item must `fits` one? On a mismatch only the latest star takes one more item, which is enough:
 * whatever an earlier star could take, the latest one can take instead.
 */
function wildcard<P, S>(pattern: ArrayLike<P>, subject: ArrayLike<S>, isStar: (p: P) => boolean, fits: (p: P, s: S) => boolean): boolean {
  let pi = 0;
  let si = 0;
  let star = -1;
  let taken = 0;
  while (si < subject.length) {
    if (pi < pattern.length && isStar(pattern[pi])) {
      star = pi++;
      taken = si;
    } else if (pi < pattern.length && fits(pattern[pi], subject[si])) {
      pi++;
      si++;
    } else if (star >= 0) {
      pi = star + 1;
      si = ++taken;
    } else return false;
  }
  while (pi < pattern.length && isStar(pattern[pi])) pi++;
  return pi === pattern.length;
}
