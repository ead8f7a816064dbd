import type { ServerOptions } from "node:https";
import type { TLSSocket } from "node:tls";
import type { WebTls } from "./load-web-config.js";

/**
 * node:https options for a web config's tls_server_config. Node has requestCert and
 * rejectUnauthorized where Go has five client auth types; the two that Node cannot express at
 * the handshake (a certificate required but not verified, verified only when given) are
 * finished by `admit`, called for each connection once its handshake is done.
 */
export function tlsServerOptions(tls: WebTls): ServerOptions {
  const asksForCertificate = tls.clientAuth !== "NoClientCert";
  return {
    cert: tls.cert,
    key: tls.key,
    minVersion: tls.minVersion,
    ...(tls.maxVersion ? { maxVersion: tls.maxVersion } : {}),
    honorCipherOrder: tls.preferServerCiphers,
    requestCert: asksForCertificate,
    rejectUnauthorized: tls.clientAuth === "RequireAndVerifyClientCert",
    ...(tls.clientCa ? { ca: tls.clientCa } : {}),
  };
}

/** Whether a connection may go on, by the client certificate it presented (or not). */
export function admitsClient(tls: WebTls, socket: TLSSocket): boolean {
  const presented = Object.keys(socket.getPeerCertificate() ?? {}).length > 0;
  switch (tls.clientAuth) {
    case "RequireAnyClientCert":
      return presented;
    case "VerifyClientCertIfGiven":
      return !presented || socket.authorized;
    default:
      // NoClientCert and RequestClientCert admit anyone; RequireAndVerifyClientCert was enforced by the handshake.
      return true;
  }
}
