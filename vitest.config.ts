import { defineConfig } from 'vitest/config';

// Tests spawn the built CLI (dist/) as a user would, so `npm test` runs after `npm install` has built it.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous: the corpus agreement tests run jing dozens of times, and a shared 2-core machine under load is slow.
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
