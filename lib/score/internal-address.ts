// Addresses no network attacker outside the provider can reach: loopback, private (RFC 1918,
// RFC 4193), link-local, shared (RFC 6598). A cleartext hop between such addresses is provider
// internal; Foster et al. (§3.3) leave those to the provider's physical security.

export function isInternalAddress(ip: string | null): boolean {
  if (ip === null) return false;
  const v = ip.toLowerCase();
  if (v.includes(':')) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v);
    if (mapped?.[1] !== undefined) return isInternalAddress(mapped[1]);
    return v === '::1' || /^f[cd][0-9a-f]{2}:/.test(v) || /^fe[89ab][0-9a-f]:/.test(v);
  }
  const parts = v.split('.').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isInteger(n) || n < 0 || n > 255))
    return false;
  const [a = -1, b = -1] = parts;
  return (
    a === 127 ||
    a === 10 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}
