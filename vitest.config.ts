import { defineConfig } from 'vitest/config';

// Tests spawn the built CLI (dist/) as a user would, so `npm test` runs after `npm install` has built it.
// Timeouts only catch a hang: speed is measured in bench/, and on a shared 2-core machine under a load of 20 a
// corpus test that takes 10 s idle takes over 100 s.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
