// The server suite: the SSE feed in Node against a real redis-server (started by the global
// setup on a free loopback port, stopped afterwards), real HTTP servers and child processes.
import { devFlag } from './scripts/dev-flag.mjs';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // `__DEV__` as the default build has it, so a test can stub NODE_ENV to see production behaviour.
  plugins: [devFlag()],
  test: {
    include: ['test/server/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/server/global-setup.ts'],
    // Failure guards only: no test asserts on time, but restarts and child processes take seconds on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'reports/server.json' }]],
  },
});
