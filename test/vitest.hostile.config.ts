import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// `npm run test:hostile`: what a hostile site or input file can do to a real worker process (robots files built to
// backtrack or to exhaust memory, regexes, a 36,000-item feed, lying charsets), each case with its time, the worker's
// peak RSS, SIGTERM still answered and an ordinary crawl still stored. One file at a time, like the fault suite: the
// cases measure a process's memory and must not compete for the two cores.
export default defineConfig({
  test: {
    root,
    name: 'hostile',
    include: ['test/hostile/**/*.test.ts'],
    globalSetup: ['test/setup/require-services.ts'],
    reporters: ['default', './test/hostile/hostile-reporter.ts', './test/setup/summary-reporter.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
