import { resolveConfigPath } from "../config/load.js";
import { exampleConfigText, writeExampleConfig } from "./init-config.js";
import { writeFully } from "./write-fully.js";

const EXIT_WRITTEN = 0;
const EXIT_NOT_WRITTEN = 1;

/** `certwatch init [--config PATH]`: writes the commented example config. Returns the exit code. */
export async function runInit(configPath: string | undefined): Promise<number> {
  const path = resolveConfigPath(configPath, process.env);
  if (path === "-") {
    await writeFully(process.stdout, exampleConfigText());
    return EXIT_WRITTEN;
  }
  const result = await writeExampleConfig(path);
  if (!result.ok) {
    process.stderr.write(`certwatch: ${result.reason}\n`);
    return EXIT_NOT_WRITTEN;
  }
  const flag = configPath ? ` --config ${path}` : "";
  await writeFully(
    process.stdout,
    `wrote ${path} (every key, commented): list your zones in it (and point cloudflare.base_url\n` +
      `at the simulator if you use one), then run\n` +
      `  CLOUDFLARE_API_TOKEN=... certwatch${flag}\n` +
      `or poll once with \`certwatch check${flag}\`.\n`,
  );
  return EXIT_WRITTEN;
}
