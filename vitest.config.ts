import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Child-process tests (local mode, killed writers) need a core each on a 2-core machine.
    maxWorkers: 2,
  },
});
