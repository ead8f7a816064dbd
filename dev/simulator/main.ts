// Standalone simulator serving the demo scenario, for `npm run simulator` and the container smoke test:
//   tsx dev/simulator/main.ts [--port 8787] [--host 127.0.0.1] [--token sim-token]
import { parseArgs } from "node:util";
import { demoScenario, demoToken, DEMO_ZONE_IDS } from "./demo-scenario.js";
import { buildState } from "./scenario.js";
import { startSimulator } from "./server.js";

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be an integer 0..65535, got "${raw}"`);
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8787" },
      host: { type: "string", default: "127.0.0.1" },
      token: { type: "string", default: "sim-token" },
    },
    strict: true,
  });

  const state = await buildState(demoScenario());
  state.tokens = { [values.token]: demoToken() };
  const simulator = await startSimulator({
    state,
    host: values.host,
    port: parsePort(values.port),
    apiToken: values.token,
  });
  // Plain lines on stdout: the smoke test greps the first one for the base URL.
  console.log(`cloudflare simulator listening on ${simulator.baseUrl}`);
  console.log(`zones: example.com=${DEMO_ZONE_IDS.exampleCom} example.net=${DEMO_ZONE_IDS.exampleNet} example.org=${DEMO_ZONE_IDS.exampleOrg}`);
  console.log(`token: ${values.token} (CLOUDFLARE_API_TOKEN=${values.token}; every other token gets 401)`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, stopping`);
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("error while stopping:", error);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
