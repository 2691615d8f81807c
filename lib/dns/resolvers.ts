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

const LOOPBACK = /^(127(\.\d{1,3}){3}|\[::1\]|localhost)$/;

/** The resolver as the settings store it: a built-in one, or a custom DoH URL (https). */
export type ResolverSetting = { kind: BuiltinResolver } | { kind: 'custom'; url: string };

/**
 * The DoH URL of a resolver choice. From settings (anything with a `resolver` field): the
 * built-in resolver's URL or the custom one, which the settings already checked. From a user's
 * string (`--resolver`): a built-in name or an https URL, undefined for anything else; plain http
 * is allowed only to a loopback address (a local DoH stub), where nobody on the path can read it.
 */
export function resolverUrl(settings: { resolver: ResolverSetting }): string;
export function resolverUrl(choice: string): string | undefined;
export function resolverUrl(choice: string | { resolver: ResolverSetting }): string | undefined {
  if (typeof choice !== 'string') {
    const { resolver } = choice;
    return resolver.kind === 'custom' ? resolver.url : BUILTIN_RESOLVERS[resolver.kind];
  }
  if (Object.hasOwn(BUILTIN_RESOLVERS, choice)) return BUILTIN_RESOLVERS[choice as BuiltinResolver];
  try {
    const url = new URL(choice);
    const ok =
      url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname));
    return ok ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}
