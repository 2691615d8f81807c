// Settings persisted in browser.storage.local, always read through migrateSettings.

import { browser } from 'wxt/browser';
import { migrateSettings, type Settings } from '../settings/settings.ts';

const SETTINGS_KEY = 'settings';

export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(SETTINGS_KEY);
  return migrateSettings(stored[SETTINGS_KEY]);
}

export async function saveSettings(next: Settings): Promise<Settings> {
  const clean = migrateSettings(next);
  await browser.storage.local.set({ [SETTINGS_KEY]: clean });
  return clean;
}
