import { defineConfig } from 'vitest/config';

// `npm run test:bin` sets CASCTL_BIN and runs end-to-end files against the single executable: the npm form's
// own file is for bin/casctl only, the single executable's own file only for the executable.
const formOnly = process.env.CASCTL_BIN ? 'test/e2e/core/npm-form.test.ts' : 'test/e2e/core/single-executable.test.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', formOnly],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // e2e suites start real peers (pebble, django-cas-server) on their own ports: two at a time suits 2 cores.
    maxWorkers: 2,
    minWorkers: 1,
    reporters: ['default'],
  },
});
