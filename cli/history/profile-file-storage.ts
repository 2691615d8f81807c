// Sender profiles (lib/profile) in one JSON file beside the handoff history. Writes go to a
// temporary file that is synced and renamed over the old one, so a crash never leaves half a
// file; one CLI process is the only writer while it runs.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  PROFILE_FORMAT,
  PROFILE_FORMAT_VERSION,
  type ProfileStorage,
  type StoredSender,
} from '../../lib/profile/index.ts';

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
  async function save(): Promise<void> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    const file = await open(tmp, 'w', 0o600);
    try {
      await file.writeFile(
        JSON.stringify({ format: PROFILE_FORMAT, version: PROFILE_FORMAT_VERSION, senders }),
      );
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await rename(tmp, path);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }
  return {
    path,
    async loadAll() {
      senders ??= await loadFile(path);
      return senders;
    },
    async saveSender(sender: string, stored: StoredSender | null) {
      senders ??= await loadFile(path);
      if (stored === null) delete senders[sender];
      else
        Object.defineProperty(senders, sender, {
          value: stored,
          enumerable: true,
          configurable: true,
          writable: true,
        });
      await save();
    },
  };
}
