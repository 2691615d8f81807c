import type { LabInfo } from '../lab-info.ts';
import { execWithLabResolver } from './lab-resolver.ts';

export interface DmarcReading {
  /** opendmarc-check found and parsed a DMARC record for the domain. */
  readonly found: boolean;
  readonly policy?: string;
  readonly pct?: number;
  readonly transcript: string;
}

/** OpenDMARC's reading of `_dmarc.<domain>` (Debian opendmarc, `opendmarc-check`). */
export async function opendmarcCheck(lab: LabInfo, domain: string): Promise<DmarcReading> {
  const out = await execWithLabResolver(lab, '/usr/sbin/opendmarc-check', [domain]);
  const transcript = out.stdout + out.stderr;
  if (out.code !== 0 || !/DMARC record for /.test(out.stdout)) return { found: false, transcript };
  const policy = /Domain policy: (\w+)/.exec(out.stdout)?.[1];
  const pct = /Sample percentage: (\d+)/.exec(out.stdout)?.[1];
  return {
    found: true,
    ...(policy ? { policy } : {}),
    ...(pct ? { pct: Number(pct) } : {}),
    transcript,
  };
}
