import { configDefaults, defineConfig } from "vitest/config";

/**
 * Tests that start something over loopback (the simulator, a webhook receiver, an HTTP server, the
 * daemon in-process or as a child process) or spawn a process. The stores' own loopback tests sit
 * beside their store (src/stores/<store>/store.test.ts against the simulator, simulator.test.ts).
 */
const INTEGRATION = ["test/integration/**/*.test.ts", "src/stores/*/store.test.ts", "src/stores/*/simulator.test.ts"];

/**
 * `npm test` runs both projects; `npm run test:unit` and `npm run test:integration` run one.
 * The end-to-end suites (test/e2e, real Alertmanager, Prometheus, Chromium) have their own config:
 * vitest.e2e.config.ts.
 */
export default defineConfig({
  test: {
    // Generous: on a busy 2-core machine child processes start slowly; tests wait on events, never on time.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // Integration tests start real servers on loopback; keep them from starving each other on 2 cores.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          // Pure: no server, no socket, no child process; no dist/ build needed.
          include: ["test/unit/**/*.test.ts", "src/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...INTEGRATION],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: INTEGRATION,
          // Builds dist/ once per run: the tests that spawn the daemon run `node dist/main.js`.
          globalSetup: ["test/global-setup.ts"],
        },
      },
    ],
  },
});
