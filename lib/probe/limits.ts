// Hard limits for every step of a probe: a stalling or flooding server is cut off with a reason.

export interface ProbeLimits {
  /** TCP connect timeout. */
  connectTimeoutMs: number;
  /** Time allowed for one SMTP reply (banner, EHLO, STARTTLS, QUIT). */
  replyTimeoutMs: number;
  /** Time allowed for the TLS handshake. */
  handshakeTimeoutMs: number;
  /** Total time for one MX host, all its addresses included. */
  hostBudgetMs: number;
  /** Lines in one multi-line reply. */
  maxReplyLines: number;
  /** Bytes in one reply line (RFC 5321 §4.5.3.1.5 says 512; we allow slack). */
  maxLineLength: number;
  /** Bytes read from the server in one session, before TLS. */
  maxSessionBytes: number;
  /** Addresses probed per MX host (IPv4 and IPv6 together). */
  maxAddressesPerHost: number;
  /** MX hosts probed per domain. */
  maxMxHosts: number;
  /** Certificates kept from the chain as sent. */
  maxChainLength: number;
}

export const DEFAULT_PROBE_LIMITS: ProbeLimits = {
  connectTimeoutMs: 10_000,
  replyTimeoutMs: 10_000,
  handshakeTimeoutMs: 10_000,
  hostBudgetMs: 45_000,
  maxReplyLines: 100,
  maxLineLength: 2048,
  maxSessionBytes: 64 * 1024,
  maxAddressesPerHost: 4,
  maxMxHosts: 10,
  maxChainLength: 10,
};
