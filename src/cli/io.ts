// The output sink every command writes through, so commands are testable without a process, and
// the one real sink (`processIo`) that bin/roamcheck.js hands to `main`. ADAPTER.

import { neutralizeControls } from '../render/terminalText.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Directory relative paths are resolved against. */
  cwd: string;
  /** Colour and progress only on a TTY, never with NO_COLOR or in CI. */
  color: boolean;
  progress: boolean;
  /**
   * Subscribe to interrupts (SIGINT, SIGTERM) for a long command; returns the unsubscribe
   * function. Only a real process has them: with it, `check` runs its search off the main thread
   * so an interrupt is seen while the search runs.
   */
  onInterrupt?: (handler: (signal: string) => void) => () => void;
}

/**
 * The process's own sink: stdout/stderr with stray control characters neutralized (a name from a
 * config cannot clear the screen or rewrite a line), colour and progress only on a TTY, and
 * SIGINT/SIGTERM delivered to the command that asked for them. A second interrupt while the first
 * is being handled ends the process at once (exit 130).
 */
export function processIo(): Io {
  return {
    out: (s) => void process.stdout.write(neutralizeControls(s)),
    err: (s) => void process.stderr.write(neutralizeControls(s)),
    cwd: process.cwd(),
    color: !!process.stdout.isTTY && !process.env.NO_COLOR && !process.env.CI,
    progress: !!process.stderr.isTTY && !process.env.CI,
    onInterrupt: (handler) => {
      let seen = false;
      const on = (signal: string) => {
        if (seen) process.exit(130);
        seen = true;
        handler(signal);
      };
      process.on('SIGINT', on);
      process.on('SIGTERM', on);
      return () => {
        process.off('SIGINT', on);
        process.off('SIGTERM', on);
      };
    },
  };
}
