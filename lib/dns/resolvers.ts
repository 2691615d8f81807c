// Built-in public DoH resolvers (RFC 8484 endpoints) and custom URLs.

export const BUILTIN_RESOLVERS = {
  cloudflare: 'https://cloudflare-dns.com/dns-query',
  google: 'https://dns.google/dns-query',
  quad9: 'https://dns.quad9.net/dns-query',
} as const;

export type BuiltinResolver = keyof typeof BUILTIN_RESOLVERS;

export const DEFAULT_RESOLVERS: readonly string[] = [
  BUILTIN_RESOLVERS.cloudflare,
  BUILTIN_RESOLVERS.quad9,
];

/** Accepts a built-in name or an https URL; returns undefined for anything else. */
export function resolverUrl(choice: string): string | undefined {
  if (choice in BUILTIN_RESOLVERS) return BUILTIN_RESOLVERS[choice as BuiltinResolver];
  try {
    const url = new URL(choice);
    return url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}
