// The output sink every command writes through, so commands are testable without a process.
// ADAPTER (types only).

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Directory relative paths are resolved against. */
  cwd: string;
  /** Colour and progress only on a TTY, never with NO_COLOR or in CI. */
  color: boolean;
  progress: boolean;
}
