// CORS for the extension only. Browser extensions call from chrome-extension://<id> or
// moz-extension://<uuid>; a web page's origin is refused outright (403), so nobody can turn
// visitors' browsers into probe launchers with no-cors requests.

const CHROME_ID = /^chrome-extension:\/\/[a-p]{32}$/;
const FIREFOX_UUID =
  /^moz-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface CorsPolicy {
  /** Chrome extension ids allowed; empty allows any well-formed chrome-extension origin. */
  chromeExtensionIds: readonly string[];
  /** Firefox assigns a random UUID per install, so any moz-extension origin is allowed unless off. */
  allowFirefox: boolean;
  /** Further exact origins (for example a self-hosted dashboard). */
  extraOrigins: readonly string[];
}

export function isAllowedOrigin(origin: string, policy: CorsPolicy): boolean {
  if (policy.extraOrigins.includes(origin)) return true;
  if (CHROME_ID.test(origin)) {
    const id = origin.slice('chrome-extension://'.length);
    return policy.chromeExtensionIds.length === 0 || policy.chromeExtensionIds.includes(id);
  }
  return policy.allowFirefox && FIREFOX_UUID.test(origin);
}

export const CORS_HEADERS = {
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-expose-headers': 'retry-after, x-ratelimit-remaining',
  'access-control-max-age': '600',
} as const;
