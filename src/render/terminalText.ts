// Text from configs and scenarios (router, host, model names) made safe to print: a name must not
// forge a diagnostic line, move the cursor or clear the screen. PURE. `escapeControls` is for a
// field (every control character escaped, newlines too); `neutralizeControls` is the sink's last
// line of defence for whole outputs (keeps newlines, tabs and roamcheck's own colour codes).

/** C0 and C1 controls, DEL, line/paragraph separators and bidirectional overrides. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escapeOne = (c: string): string => {
  const code = c.charCodeAt(0);
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** A name or message as one printable line: every control character written as an escape (`\n`, `\x1b`). */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, escapeOne);
}

/**
 * A whole output as printed: newlines and tabs stay, and so do the colour codes roamcheck itself
 * writes (`ESC[…m`, the progress bar's `ESC[K` and a `\r` that starts a chunk); every other
 * control character or escape sequence is escaped, so it can neither clear a screen nor rewrite a line.
 */
export function neutralizeControls(text: string): string {
  return text.replace(/\x1b\[[0-9;]*[mK]|[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (m, offset: number) => {
    if (m.length > 1 || m === '\n' || m === '\t' || (m === '\r' && offset === 0)) return m;
    return escapeOne(m);
  });
}
