import preact from '@preact/preset-vite';
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

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  ...(e2eHosts.length > 0 ? { outDir: '.output/e2e' } : {}),
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage'],
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
          },
        }
      : {}),
  }),
});
