import type { LabInfo } from '../lab-info.ts';
import { exec } from './exec.ts';

export interface DnsAnswer {
  readonly rcode: string;
  /** The AD flag: the resolver validated the answer. */
  readonly ad: boolean;
  readonly answers: ReadonlyArray<{
    readonly name: string;
    readonly type: string;
    readonly data: string;
  }>;
  readonly error?: string;
}

/** Asks the lab's validating resolver with kdig, over plain DNS or over DoH (RFC 8484). */
export async function kdig(
  lab: LabInfo,
  name: string,
  type: string,
  via: 'udp' | 'doh' | { dohUrl: string; hostname: string } = 'udp',
): Promise<DnsAnswer> {
  const target =
    via === 'udp'
      ? [`@${lab.resolverAddress}`]
      : (() => {
          const url = new URL(via === 'doh' ? lab.dohUrl : via.dohUrl);
          const hostname = via === 'doh' ? lab.dohHostname : via.hostname;
          return [
            `@${url.hostname}`,
            '-p',
            url.port,
            `+https=${url.pathname}`,
            `+tls-ca=${lab.caCertPath}`,
            `+tls-hostname=${hostname}`,
          ];
        })();
  const out = await exec('kdig', [...target, name, type, '+dnssec', '+timeout=5', '+retry=0']);
  const rcode = /HEADER<<-.*status: (\w+)/.exec(out.stdout)?.[1] ?? 'NONE';
  const flags = /;; Flags: ([^;]*);/.exec(out.stdout)?.[1]?.split(/\s+/) ?? [];
  const section = /;; ANSWER SECTION:\n([\s\S]*?)(?:\n\n|\n;;|$)/.exec(out.stdout)?.[1] ?? '';
  const answers = section
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith(';'))
    .map((l) => {
      const [owner = '', , , rtype = '', ...data] = l.trim().split(/\s+/);
      return { name: owner, type: rtype, data: data.join(' ') };
    });
  const error =
    out.code !== 0 || rcode === 'NONE' ? `${out.stderr}${out.stdout}`.trim() : undefined;
  return { rcode, ad: flags.includes('ad'), answers, ...(error ? { error } : {}) };
}
