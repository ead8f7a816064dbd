import { defineConfig } from "vitest/config";

/** End-to-end suites that need system packages (Alertmanager); `.ci/run` installs them and runs these. */
export default defineConfig({
  test: {
    // Builds dist/ once per run: the tests that spawn the daemon run `node dist/main.js`.
    globalSetup: ["test/global-setup.ts"],
    include: ["test/e2e/**/*.e2e.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 1,
  },
});
