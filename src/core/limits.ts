// Caps on everything a user's input can make grow: run lengths, searches, files, aliases, waits.
// PURE constants, shared by core/, config/ and cli/ so each limit has one value (README "Limits").
// Each is generous for real models and stops a typo or a hostile file long before it hurts.

export const LIMITS = {
  /** `bounds.steps` and `--max-steps`: the longest random schedule. */
  steps: 10_000,
  /** A finite budget (`moves`, `losses`, …); larger means "inf". */
  budget: 1_000_000,
  /** `--depth` of an exhaustive search. */
  depth: 1_000,
  /** `-n/--runs`. */
  runs: 100_000_000,
  /** `--max-states`. */
  maxStates: 100_000_000,
  /** `--time-limit`, seconds (a week). */
  timeLimitSeconds: 604_800,
  /** `--workers`. */
  workers: 64,
  /** N of `--shard I/N`. */
  shards: 10_000,
  /** Seeds are 32-bit: larger ones would alias smaller ones inside fast-check. */
  seed: 2 ** 32 - 1,
  /** Entries of a `--path` and the largest index in it. */
  pathEntries: 1_000,
  pathIndex: 2 ** 31 - 1,
  /** Timers (`timers.X`), seconds: at least 1 ms, so a timer that re-arms always moves the clock. */
  timerMinSeconds: 0.001,
  timerMaxSeconds: 10_000_000,
  /** Retry counts (`timers.arpRetries`, …). */
  retries: 1_000,
  /** `simulate --do "wait S"`: each wait and all waits of a run together (one day). */
  waitSeconds: 86_400,
  /** `simulate --do` actions in one run. */
  doActions: 1_000,
  /** One router config file (a config of 4 MB loads in about a second), and the scenario YAML. */
  configBytes: 8 * 1024 * 1024,
  scenarioBytes: 1024 * 1024,
  /**
   * Aliases (`*name`) in the scenario: the yaml package finds each one's anchor by a scan of the
   * document, so their number is capped before expansion (8,000 once took over a minute).
   */
  yamlAliases: 100,
  /** The yaml package's own `maxAliasCount`: how far aliases may expand (a billion laughs). */
  yamlAliasExpansion: 1_000,
  /** A trace file, and the actions in it. */
  traceBytes: 64 * 1024 * 1024,
  traceActions: 100_000,
} as const;
