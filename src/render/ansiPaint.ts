// ANSI colours for text renderers, injected by the CLI only on a TTY without NO_COLOR. PURE.

import type { Paint } from './checkText.js';

export const ANSI_PAINT: Paint = {
  red: (s) => `\x1b[31m${s}\x1b[39m`,
  green: (s) => `\x1b[32m${s}\x1b[39m`,
  yellow: (s) => `\x1b[33m${s}\x1b[39m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
};
