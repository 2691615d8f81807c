// Sender profiles (lib/profile) in one JSON file beside the handoff history. Writes go to a
// temporary file that is synced and renamed over the old one, so a crash never leaves half a
// file; one CLI process is the only writer while it runs.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  PROFILE_FORMAT,
  PROFILE_FORMAT_VERSION,
  type ProfileStorage,
  type StoredSender,
  setOwn,
} from '../../lib/profile/index.ts';
import { writeJsonAtomically } from './atomic-json.ts';

export const PROFILE_FILE = 'sender-profiles.json';

export interface FileProfileStorage extends ProfileStorage {
  readonly path: string;
}

async function loadFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const parsed = JSON.parse(text) as { format?: unknown; senders?: unknown } | null;
  if (
    parsed?.format !== PROFILE_FORMAT ||
    typeof parsed.senders !== 'object' ||
    parsed.senders === null
  ) {
    throw new Error(`${path} is not a MailSeal sender-profile file`);
  }
  return { ...(parsed.senders as Record<string, unknown>) };
}

export function createFileProfileStorage(dir: string): FileProfileStorage {
  const path = join(dir, PROFILE_FILE);
  let senders: Record<string, unknown> | null = null;
  const save = () =>
    writeJsonAtomically(path, { format: PROFILE_FORMAT, version: PROFILE_FORMAT_VERSION, senders });
  return {
    path,
    async loadAll() {
      senders ??= await loadFile(path);
      return senders;
    },
    async saveSender(sender: string, stored: StoredSender | null) {
      senders ??= await loadFile(path);
      setOwn(senders, sender, stored);
      await save();
    },
  };
}
