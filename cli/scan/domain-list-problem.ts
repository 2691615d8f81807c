// Why a domain list cannot be read, said before a scan opens its cache or starts a worker: a
// missing file or a directory is an input error with a message, not an exception dump.

import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';

export async function domainListProblem(source: string): Promise<string | null> {
  if (source === '-') return null;
  try {
    const info = await stat(source);
    if (info.isDirectory()) return `${source} is a directory; give a file with one domain a line`;
    await access(source, constants.R_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `${source}: no such file`;
    if (code === 'EACCES' || code === 'EPERM') return `${source}: permission denied`;
    return `${source}: cannot be read (${(error as Error).message})`;
  }
}
