import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Builds dist/ once per run: the tests that spawn the daemon run `node dist/main.js`.
    globalSetup: ["test/global-setup.ts"],
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    // Generous: on a busy 2-core machine child processes start slowly; tests wait on events, never on time.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // Integration tests start real servers on loopback; keep them from starving each other on 2 cores.
    maxWorkers: 2,
  },
});
