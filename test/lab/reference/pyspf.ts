import type { LabInfo } from '../lab-info.ts';
import { DEBIAN_PYTHON } from '../lib/packages.ts';
import { execWithLabResolver } from './lab-resolver.ts';

export interface SpfVerdict {
  /** RFC 7208 §2.6 result: pass, fail, softfail, neutral, none, temperror, permerror. */
  readonly result: string;
  readonly explanation: string;
  readonly transcript: string;
}

// pyspf (Debian python3-spf) evaluates check_host() for one client address, as a receiver would.
const SCRIPT = [
  'import json, spf, sys',
  'result, explanation = spf.check2(i=sys.argv[1], s="postmaster@" + sys.argv[2], h=sys.argv[2])',
  'print(json.dumps({"result": result, "explanation": explanation}))',
].join('\n');

/** pyspf's SPF result for mail from `domain` sent by `ip`, through the lab resolver. */
export async function pyspfCheck(lab: LabInfo, domain: string, ip: string): Promise<SpfVerdict> {
  const out = await execWithLabResolver(lab, DEBIAN_PYTHON, ['-c', SCRIPT, ip, domain]);
  const transcript = out.stdout + out.stderr;
  const line = out.stdout.trim().split('\n').at(-1) ?? '';
  try {
    const parsed = JSON.parse(line) as { result: string; explanation: string };
    return { ...parsed, transcript };
  } catch {
    return { result: 'tool-error', explanation: transcript.trim(), transcript };
  }
}
