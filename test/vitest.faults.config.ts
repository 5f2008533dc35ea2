import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// `npm run test:faults`: the pipeline under faults (killed workers, Redis restarted, Elasticsearch stopped, a flaky
// site, SIGTERM everywhere) over the real stack. One file at a time: the scenarios start their own processes and
// servers and must not compete for the two cores. The scenario reporter repeats each `scenario …` line at the end.
export default defineConfig({
  test: {
    root,
    name: 'faults',
    include: ['test/faults/**/*.test.ts'],
    globalSetup: ['test/setup/require-services.ts'],
    reporters: ['default', './test/faults/scenario-reporter.ts', './test/setup/summary-reporter.ts'],
    testTimeout: 420_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
