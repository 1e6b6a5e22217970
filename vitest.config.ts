import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // e2e suites start real peers (pebble, django-cas-server) on their own ports: two at a time suits 2 cores.
    maxWorkers: 2,
    minWorkers: 1,
    reporters: ['default'],
  },
});
