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

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'MailSeal',
    description:
      'A padlock for email: how securely each message travelled, and how well its providers protect mail in transit.',
    permissions: ['storage'],
    host_permissions: builtInHosts,
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: 'MailSeal' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'mailseal@mailseal.dev', strict_min_version: '128.0' },
          },
        }
      : {}),
  }),
});
