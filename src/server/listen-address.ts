/** `server.listen`: the address the HTTP server listens on, as certwatch.yaml writes it. */
import { isIPv4, isIPv6 } from "node:net";
import { z } from "zod";
import { isHostname } from "../settings-file/fields.js";

export type ListenResult = { ok: true; host: string; port: number } | { ok: false; expected: string };

/**
 * Splits `server.listen` into what `server.listen(port, host)` wants. IPv6 hosts must be
 * bracketed because a bare "::1:9798" cannot be split unambiguously; the brackets are dropped
 * from the returned host since Node expects the plain address.
 */
export function parseListen(listen: string): ListenResult {
  const fail = (detail: string): ListenResult => ({ ok: false, expected: `host:port with ${detail}` });
  const bracketed = /^\[([^\]]*)\]:([^:]*)$/.exec(listen);
  let host: string;
  let portText: string;
  if (bracketed) {
    host = bracketed[1] ?? "";
    portText = bracketed[2] ?? "";
    if (!isIPv6(host)) return fail('an IPv6 address inside the brackets, e.g. "[::]:9798"');
  } else {
    const colon = listen.lastIndexOf(":");
    if (colon < 0) return fail('a port after the colon, e.g. "0.0.0.0:9798" or "[::]:9798"');
    host = listen.slice(0, colon);
    portText = listen.slice(colon + 1);
    if (host.includes(":")) return fail('an IPv6 host in brackets, e.g. "[::1]:9798"');
    if (!isIPv4(host) && !isHostname(host.toLowerCase())) {
      return fail('an IPv4 address or hostname as the host, e.g. "0.0.0.0:9798"');
    }
  }
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
    return fail('a port from 0 to 65535, e.g. "0.0.0.0:9798"');
  }
  return { ok: true, host, port: Number(portText) };
}

/** `server.listen`, kept as written beside the host and port parsed from it. */
export function listenAddress(fallback: string) {
  return z
    .string({ error: 'host:port, e.g. "0.0.0.0:9798" or "[::]:9798"' })
    .transform((listen, ctx) => {
      const parsed = parseListen(listen);
      if (parsed.ok) return { listen, host: parsed.host, port: parsed.port };
      ctx.addIssue({ code: "custom", message: parsed.expected });
      return z.NEVER;
    })
    .prefault(fallback);
}
