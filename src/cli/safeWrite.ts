// Writing files the user did not name exactly (traces under --trace-dir, diagrams under -o DIR) and
// files they did (-o FILE) without losing anything: names sanitised, files created exclusively
// (O_EXCL, O_NOFOLLOW: a symlink, dangling or not, is never followed), never overwritten without
// --force (and then replaced by a rename, never written through), trace names numbered when taken,
// folders created one level at a time (no recursive mkdir that can loop on /proc). ADAPTER: files.
// Problems are diagnostics (RC235 trace folder and trace files, RC236 -o outputs).

import { accessSync, closeSync, constants, lstatSync, mkdirSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, parse, resolve, sep } from 'node:path';
import { diag, type Diagnostic } from '../core/diagnostic.js';

const EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
/** Kernel pseudo-filesystems: writing there is never what a user meant, and mkdir there can misbehave. */
const PSEUDO = ['/proc', '/sys', '/dev'];

/**
 * A file-name part from a user-controlled name (scenario `name`, property id): letters, digits,
 * `.`, `_` and `-` only (every other character, path separators and control characters included,
 * becomes `_`), no leading dot (so never `.` or `..`), at most 100 characters, never empty.
 */
export function safeFileName(raw: string): string {
  const s = raw
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, (dots) => '_'.repeat(dots.length))
    .slice(0, 100);
  return s || '_';
}

const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;
const lstatOrNull = (p: string): Stats | null => {
  try {
    return lstatSync(p);
  } catch {
    return null;
  }
};
const isPseudo = (p: string) => PSEUDO.some((root) => p === root || p.startsWith(root + sep));

/**
 * Can a folder be used (or made) here? Checks without creating anything: every existing part is
 * a folder, the deepest existing one is writable, none is under /proc, /sys or /dev.
 */
export function checkFolder(dir: string, shown: string, codeId: 'RC235' | 'RC236', what: string): Diagnostic | null {
  const bad = (message: string, hint: string) => diag('error', codeId, message, { file: shown, hint });
  let existing = resolve(dir);
  while (!lstatOrNull(existing) && dirname(existing) !== existing) existing = dirname(existing);
  let real: string;
  try {
    real = realpathSync(existing);
  } catch (e) {
    return bad(`${what} ${shown} cannot be used: ${code(e)}`, 'choose another folder');
  }
  if (isPseudo(real) || isPseudo(resolve(dir))) return bad(`${what} ${shown} is under ${real.split(sep).slice(0, 2).join(sep) || sep}, a kernel file system`, 'choose a folder on disk');
  if (!statSync(real).isDirectory()) return bad(`${what} ${shown} cannot be made: ${existing === resolve(dir) ? 'it is' : `${existing} is`} a file, not a folder`, 'choose another folder');
  try {
    accessSync(real, constants.W_OK | constants.X_OK);
  } catch (e) {
    return bad(`${what} ${shown} cannot be ${existing === resolve(dir) ? 'written' : 'made'}: ${code(e)} on ${existing}`, 'choose a folder you can write');
  }
  return null;
}

/** Make a folder and its missing parents one level at a time (bounded by the path's depth). */
export function makeFolder(dir: string): void {
  const target = resolve(dir);
  const missing: string[] = [];
  for (let p = target; !lstatOrNull(p); p = dirname(p)) {
    missing.push(p);
    if (dirname(p) === p) break;
  }
  for (const p of missing.reverse()) {
    try {
      mkdirSync(p);
    } catch (e) {
      // Made by someone else in between: fine if it is a folder now.
      if (code(e) !== 'EEXIST' || !statSync(p).isDirectory()) throw e;
    }
  }
  if (!statSync(target).isDirectory()) throw Object.assign(new Error(`${target} is not a folder`), { code: 'ENOTDIR' });
}

function writeAll(fd: number, text: string): void {
  try {
    const buf = Buffer.from(text, 'utf8');
    for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off, buf.length - off);
  } finally {
    closeSync(fd);
  }
}

/**
 * Write a new file named `stem.ext` in `dir`, or `stem-2.ext`, `stem-3.ext` … when the name is
 * taken (by anything: a file, a folder, a symlink). Returns the path written.
 */
export function writeNumbered(dir: string, stem: string, ext: string, text: string): string {
  for (let n = 1; n <= 10_000; n++) {
    const file = join(dir, `${stem}${n === 1 ? '' : `-${n}`}${ext}`);
    let fd: number;
    try {
      fd = openSync(file, EXCLUSIVE, 0o644);
    } catch (e) {
      if (code(e) === 'EEXIST' || code(e) === 'ELOOP' || code(e) === 'EISDIR') continue;
      throw e;
    }
    writeAll(fd, text);
    return file;
  }
  throw Object.assign(new Error(`10,000 files named ${stem}-N${ext} already`), { code: 'EEXIST' });
}

/**
 * Can `-o FILE` be written? Its folder must exist; an existing regular file (or symlink, which is
 * replaced, never followed) needs --force; a folder or a device never is.
 */
export function checkOutput(file: string, shown: string, force: boolean): Diagnostic | null {
  const bad = (message: string, hint: string) => diag('error', 'RC236', message, { file: shown, hint });
  const target = resolve(file);
  const parent = dirname(target);
  const p = lstatOrNull(parent) && statSync(parent);
  if (!p) return bad(`cannot write ${shown}: folder ${dirname(shown) || '.'} does not exist`, 'create the folder first, or choose another -o');
  if (!p.isDirectory()) return bad(`cannot write ${shown}: ${dirname(shown)} is not a folder`, 'choose another -o');
  if (isPseudo(realpathSync(parent))) return bad(`cannot write ${shown}: it is under a kernel file system`, 'omit -o to write to stdout');
  const st = lstatOrNull(target);
  if (st?.isDirectory()) return bad(`cannot write ${shown}: it is a folder`, `give a file name, e.g. -o ${join(shown, basename(parse(shown).name) || 'out')}.txt`);
  if (st && !st.isFile() && !st.isSymbolicLink()) return bad(`cannot write ${shown}: it is not a regular file`, 'omit -o to write to stdout');
  if (st && !force) return bad(`${shown} exists; not overwritten`, 'choose another -o, or add --force');
  try {
    accessSync(parent, constants.W_OK | constants.X_OK);
  } catch (e) {
    return bad(`cannot write ${shown}: ${code(e)} on its folder`, 'choose a folder you can write');
  }
  return null;
}

/**
 * Write `-o FILE` after `checkOutput` said yes: created exclusively, or (with --force, over an
 * existing file or symlink) written beside it and renamed over it, so a symlink is replaced, never
 * followed.
 */
export function writeOutput(file: string, text: string, force: boolean): void {
  const target = resolve(file);
  if (!force || !lstatOrNull(target)) {
    writeAll(openSync(target, EXCLUSIVE, 0o644), text);
    return;
  }
  const temp = writeNumbered(dirname(target), `.${basename(target)}.roamcheck-${process.pid}`, '.tmp', text);
  try {
    renameSync(temp, target);
  } catch (e) {
    unlinkSync(temp);
    throw e;
  }
}

/** An unexpected write error as an RC236 diagnostic (never a stack trace). */
export function outputError(e: unknown, shown: string): Diagnostic {
  return diag('error', 'RC236', `cannot write ${shown}: ${code(e)}`, { file: shown, hint: 'choose another -o' });
}
