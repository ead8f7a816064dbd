import { createServer } from "node:net";

/** A loopback port that was free a moment ago (for servers a test must start, stop and restart on it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Fails with a clear message when `host:port` is taken (a suite that must use a fixed address checks first). */
export async function assertPortFree(host: string, port: number): Promise<void> {
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once("error", reject);
      probe.listen(port, host, resolve);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      `${host}:${port} is not available (${code}): another demo or daemon is probably running there. Stop it, or set CERTWATCH_DEMO_LISTEN to a free address, and rerun.`,
    );
  }
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}
