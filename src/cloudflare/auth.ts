/**
 * How a client authenticates: an API token (Bearer), or the legacy global API key with its
 * account email. Defined beside the client that sends it, so the config (which reads it from the
 * file) depends on the client's terms and not the other way round.
 */
export type CloudflareAuth = { kind: "token"; token: string } | { kind: "key"; key: string; email: string };
