// The CLI's handoff history (lib/score/handoff-history.ts): one JSON file in a private data
// directory. Writes go to a temporary file that is synced and then renamed over the old one, so
// a crash or a full disk never leaves half a history. The file stays bounded (boundHistory):
// at most `maxDomains` sender domains, the least recently seen dropped first, and `perDomain`
// observations each, the oldest dropped first. Two commands writing at the same moment can
// lose one observation (last rename wins); the history is a sample, so that is acceptable.
import { readFile, rename } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import {
  boundHistory,
  DEFAULT_HISTORY_LIMITS,
  type HandoffObservation,
  type HistoryLimits,
  type HistoryStorage,
  historyFromStored,
} from '../../lib/score/index.ts';
import { writeJsonAtomically } from './atomic-json.ts';

export const HISTORY_FILE = 'handoff-history.json';
const FORMAT = 1;

interface StoredHistory {
  format: typeof FORMAT;
  domains: Record<string, HandoffObservation[]>;
}

/** `$XDG_STATE_HOME/mailseal`, else `~/.local/state/mailseal` (XDG Base Directory spec). */
export function defaultHistoryDir(
  env: Readonly<Record<string, string | undefined>> = process.env,
  home: string = homedir(),
): string {
  const state = env.XDG_STATE_HOME;
  // The spec says a relative XDG_STATE_HOME is invalid and must be ignored.
  const base = state !== undefined && isAbsolute(state) ? state : join(home, '.local', 'state');
  return join(base, 'mailseal');
}

export interface FileHistoryOptions {
  dir: string;
  limits?: Partial<HistoryLimits>;
}

export interface FileHistoryStorage extends HistoryStorage {
  readonly path: string;
  /** Every sender domain in the file, sorted. */
  domains(): Promise<string[]>;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

export function createFileHistoryStorage(options: FileHistoryOptions): FileHistoryStorage {
  const { dir } = options;
  const path = join(dir, HISTORY_FILE);
  const limits: HistoryLimits = { ...DEFAULT_HISTORY_LIMITS, ...options.limits };

  /** The stored history; `unreadable` when the file is there but not ours to parse. */
  async function load(): Promise<{
    history: Record<string, HandoffObservation[]>;
    unreadable: boolean;
  }> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (isMissing(error)) return { history: {}, unreadable: false };
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as Partial<StoredHistory> | null;
      if (parsed?.format !== FORMAT) return { history: {}, unreadable: true };
      return { history: historyFromStored(parsed.domains), unreadable: false };
    } catch {
      return { history: {}, unreadable: true };
    }
  }

  async function save(domains: Record<string, HandoffObservation[]>): Promise<void> {
    const body: StoredHistory = { format: FORMAT, domains };
    await writeJsonAtomically(path, body);
  }

  return {
    path,
    async read(senderDomain) {
      const { history } = await load();
      return history[senderDomain.toLowerCase()] ?? [];
    },
    async write(senderDomain, observations) {
      const { history, unreadable } = await load();
      // Keep a file we cannot read (damaged, or from a newer MailSeal) beside the new one.
      if (unreadable) await rename(path, `${path}.unreadable`);
      const next = { ...history, [senderDomain.toLowerCase()]: [...observations] };
      await save(boundHistory(next, limits));
    },
    async domains() {
      return Object.keys((await load()).history).sort();
    },
  };
}
