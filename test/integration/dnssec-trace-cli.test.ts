// `mailseal check --dnssec-trace <domain> --lab` against the running lab (issue 19): the chain
// from the lab's trust anchor zone by zone, each answer's local verdict with its reason, and the
// resolver's word only when asked for with --dnssec resolver.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main.ts';
import { requireLab } from '../lab/lab-info.ts';

requireLab();

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('mailseal check --dnssec-trace against the lab', () => {
  it('prints the chain zone by zone from the lab anchor, validated locally', async () => {
    const { code, out, err } = await run(['check', 'dnssec-nsec.lab', '--lab', '--dnssec-trace']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('DNSSEC, validated locally from the trust anchor of the lab');
    expect(out).toMatch(/^\s+lab\.\s+secure\s+trust anchor$/m);
    expect(out).toMatch(/^\s+dnssec-nsec\.lab\.\s+secure\s+DS at lab\. → DNSKEY$/m);
    // Signed data or a proven NODATA, depending on whether the lab gave the domain an MX.
    expect(out).toMatch(
      /^ {2}dnssec-nsec\.lab MX: secure \((signed|denial-proven), validated locally\)$/m,
    );
  });

  it('an unsigned delegation is insecure, proven by the signed denial of its DS', async () => {
    const { out } = await run(['check', 'dnssec-plain.lab', '--lab', '--dnssec-trace', '--json']);
    const answers = JSON.parse(out) as {
      type: string;
      state: string;
      reason: string;
      source: string;
    }[];
    expect(answers.find((a) => a.type === 'MX')).toMatchObject({
      state: 'insecure',
      reason: 'unsigned-delegation',
      source: 'validated-locally',
    });
  });

  it("--dnssec resolver: the lab resolver's AD flag, labelled as its word", async () => {
    const { out } = await run([
      'check',
      'dnssec-nsec.lab',
      '--lab',
      '--dnssec-trace',
      '--dnssec',
      'resolver',
    ]);
    expect(out).toContain("the resolver's word, no chain validated locally");
    expect(out).toContain("dnssec-nsec.lab MX: secure (resolver-ad-flag, resolver's word)");
    expect(out).not.toContain('validated locally)');
  });
});
