// Lab mode reads the running lab's description (written by `npm run lab:start`) for its DoH
// resolver and CA. Only with the explicit --lab flag: the lab CA is never trusted otherwise.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LabSettings {
  dohUrl: string;
  caCertPem: string;
  /** The lab's DNSSEC trust anchor (the KSK of `lab.`), for local validation. */
  trustAnchor?: string;
}

export function readLabSettings(env: NodeJS.ProcessEnv = process.env): LabSettings {
  const path = join(env.MAILSEAL_LAB_DIR || '/tmp/mailseal-lab', 'lab.json');
  let parsed: Partial<LabSettings>;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LabSettings>;
  } catch (error) {
    throw new Error(`--lab needs a running lab (${path}): ${(error as Error).message}`);
  }
  if (!parsed.dohUrl || !parsed.caCertPem) throw new Error(`${path} lacks dohUrl or caCertPem`);
  return {
    dohUrl: parsed.dohUrl,
    caCertPem: parsed.caCertPem,
    ...(parsed.trustAnchor ? { trustAnchor: parsed.trustAnchor } : {}),
  };
}
