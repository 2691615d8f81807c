import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';

// Hosts the background may call: the built-in DoH resolvers and a probe on loopback.
// Custom resolvers and remote probes are requested at run time (optional_host_permissions).
const builtInHosts = [
  'https://cloudflare-dns.com/*',
  'https://dns.google/*',
  'https://dns.quad9.net/*',
  'http://127.0.0.1/*',
];

// Test builds only (npm run build:e2e): the lab's DoH resolver lives on another loopback address.
// Production builds never carry these; the directory differs so the two cannot be mixed up.
const e2eHosts = process.env.MAILSEAL_E2E_HOSTS?.split(',').filter(Boolean) ?? [];

/**
 * MailSeal never renders raw HTML, so Preact's dangerouslySetInnerHTML support is cut out of the
 * bundle: no innerHTML write ships (web-ext lint UNSAFE_VAR_ASSIGNMENT), and none can come back
 * by mistake. Fails the build if Preact's code no longer has the expected shape.
 */
function noInnerHtmlWrites(): Plugin {
  return {
    name: 'mailseal-no-innerhtml-writes',
    transform(code, id) {
      if (!/[\\/]preact[\\/]dist[\\/]preact\.(?:module\.js|mjs)$/.test(id)) return null;
      const out = code
        .replace(/(\w+)\.innerHTML=(\w+)\.__html/g, '$1.textContent=""')
        .replace(/(\w+)\.innerHTML=""/g, '$1.textContent=""');
      if (/\.innerHTML=/.test(out)) throw new Error(`${id}: an innerHTML write is left`);
      return out;
    },
  };
}

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  ...(e2eHosts.length > 0 ? { outDir: '.output/e2e' } : {}),
  vite: () => ({ plugins: [preact(), noInnerHtmlWrites()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // scripting: the Roundcube content script is registered at run time for each webmail
    // origin the user adds (lib/ext/webmail-origins.ts), with that origin's permission.
    permissions: ['storage', 'scripting'],
    host_permissions: [...builtInHosts, ...e2eHosts],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: 'MailSeal' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'mailseal@mailseal.dev',
              // 140: Firefox's built-in data-consent (data_collection_permissions).
              strict_min_version: '140.0',
              // The sender's and recipient's domain names, taken from the messages the user
              // opens, go to the chosen DoH resolver and probe service: declared, not hidden.
              data_collection_permissions: { required: ['personalCommunications'] },
            },
            // Firefox for Android has the data-consent key from 142 (web-ext lint
            // KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION).
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {
          // 111: content scripts declared in the page's world (the `world: "MAIN"` key), which
          // reads Gmail's ik and OWA's session; everything else MailSeal uses is older.
          minimum_chrome_version: '111',
        }),
  }),
});
