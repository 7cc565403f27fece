import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core CI machine. The
    // main process only collects results, so both cores run test files.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // `npm test` measures coverage (V8's own counters: no instrumentation pass); the summary is
    // printed at the end of the run and written to coverage/ (git-ignored).
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts', 'properties/**/*.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
    },
  },
});
