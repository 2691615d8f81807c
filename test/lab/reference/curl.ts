import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabInfo, ResolvedPolicy } from '../lab-info.ts';
import { exec } from './exec.ts';

export interface PolicyObservation {
  readonly status: number;
  readonly curlExit: number;
  readonly bytes: number;
  readonly mode?: string;
  readonly redirect?: string;
}

/** Fetches the policy like an MTA-STS client: lab CA only, no redirects followed. */
export async function curlPolicy(lab: LabInfo, policy: ResolvedPolicy): Promise<PolicyObservation> {
  const dir = mkdtempSync(join(tmpdir(), 'lab-curl-'));
  const bodyPath = join(dir, 'body');
  try {
    const out = await exec(
      'curl',
      [
        '-sS',
        '--max-time',
        '20',
        '--cacert',
        lab.caCertPath,
        '--resolve',
        `${policy.hostname}:443:${policy.address}`,
        '-o',
        bodyPath,
        '-w',
        '%{http_code} %{size_download} %{redirect_url}',
        policy.url,
      ],
      { timeoutMs: 30_000 },
    );
    const [status = '0', bytes = '0', redirect = ''] = out.stdout.trim().split(' ');
    let body = '';
    try {
      body = readFileSync(bodyPath, 'latin1').slice(0, 100_000);
    } catch {}
    const mode = /^mode:\s*(\S+)/m.exec(body)?.[1];
    return {
      status: Number(status),
      curlExit: out.code,
      bytes: Number(bytes),
      ...(mode ? { mode } : {}),
      ...(redirect ? { redirect } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
