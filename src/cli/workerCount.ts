// How many worker threads `check` uses. PURE (the machine's figures come in as arguments).
// `--workers N` is taken as given; by default a real process uses every core, and an embedding
// without interrupts (tests, the library) checks in its own thread, as it always did. Exhaustive
// search keeps up to its memory budget per thread, so by default no more threads are started
// than budgets fit in the machine's memory: a default never swaps the machine to death.

export interface WorkerCountInput {
  /** `--workers`, when given. */
  asked: number | undefined;
  /** Cores to use by default: os.availableParallelism() in a real process, else 1. */
  cores: number;
  exhaustive: boolean;
  /** Each thread's exhaustive heap budget and the machine's memory, bytes. */
  budgetBytes: number;
  totalMemoryBytes: number;
}

export function workerCount(o: WorkerCountInput): number {
  if (o.asked !== undefined) return Math.max(1, o.asked);
  const cores = Math.max(1, Math.floor(o.cores));
  if (!o.exhaustive) return cores;
  return Math.max(1, Math.min(cores, Math.floor(o.totalMemoryBytes / Math.max(1, o.budgetBytes))));
}
