import { defineConfig } from 'vitest/config';

// Tests spawn the built CLI (dist/) as a user would, so `npm test` runs after `npm install` has built it.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
