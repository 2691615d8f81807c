// Launches Debian's Chromium with the built extension loaded. Never downloads a browser.

import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';

export const CHROME_EXTENSION_DIR = resolve(import.meta.dirname, '../../../.output/chrome-mv3');

// Lets context.on('request') and context.route() see the extension service worker's own
// requests (DoH, probe), so tests can hold them and check what left the browser.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

export interface ExtensionBrowser {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  /** The throwaway profile (user data directory), removed on close. */
  profileDir: string;
  close: () => Promise<void>;
}

export function chromiumPath(): string {
  const candidate = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(candidate)) {
    throw new Error(`Chromium not found at ${candidate}: run .ci/run or apt-get install chromium`);
  }
  return candidate;
}

export async function launchExtensionBrowser(
  options: {
    extensionDir?: string;
    extraArgs?: string[];
    hasTouch?: boolean;
    /** A profile to start with (a browser restart); the caller removes it. Default: a fresh one. */
    profileDir?: string;
  } = {},
): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? CHROME_EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run npm run build first`);
  }
  const profileDir = options.profileDir ?? (await mkdtemp(join(tmpdir(), 'mailseal-e2e-')));
  // Only a new profile installs the extension (and opens its first-run page).
  const installs = !existsSync(join(profileDir, 'Default'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    // A touch screen for tests that tap (page.touchscreen); pages still get a mouse too.
    hasTouch: options.hasTouch ?? false,
    args: [
      '--no-sandbox',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      // Without these, Chromium keeps dialling Google on a machine with no internet.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
      '--disable-quic',
      ...(options.extraArgs ?? []),
    ],
  });
  const serviceWorker =
    context.serviceWorkers()[0] ??
    (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(serviceWorker.url()).host;
  if (installs) await closeFirstRunPage(context, extensionId);
  return {
    context,
    serviceWorker,
    extensionId,
    profileDir,
    close: async () => {
      await context.close();
      if (options.profileDir === undefined) await rm(profileDir, { recursive: true, force: true });
    },
  };
}

export interface ToolbarState {
  tabId: number;
  badgeText: string;
  title: string;
}

/** Reads the toolbar badge of every tab, from inside the extension's service worker. */
export function readToolbar(serviceWorker: Worker): Promise<ToolbarState[]> {
  return serviceWorker.evaluate(async () => {
    const tabs = await chrome.tabs.query({});
    return Promise.all(
      tabs.map(async (tab) => ({
        tabId: tab.id ?? -1,
        badgeText: await chrome.action.getBadgeText({ tabId: tab.id ?? -1 }),
        title: await chrome.action.getTitle({ tabId: tab.id ?? -1 }),
      })),
    );
  });
}

/**
 * A fresh profile installs the extension, which opens its first-run page in a new tab. Tests
 * that count tabs or pages would see it appear at a random moment, so it is closed here, once
 * it has opened (a few seconds at most).
 */
async function closeFirstRunPage(context: BrowserContext, extensionId: string): Promise<void> {
  const url = `chrome-extension://${extensionId}/onboarding.html`;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const page = context.pages().find((p) => p.url().startsWith(url));
    if (page) return page.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
