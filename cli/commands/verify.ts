// `mailseal verify <file.eml>`: re-verify DKIM, SPF, DMARC, ARC and BIMI independently with
// mailauth, over MailSeal's DoH client (never the system resolver), and print the results beside
// the provider's own trusted Authentication-Results, flagging any disagreement. SPF needs the
// client IP, HELO and envelope sender: from --ip/--helo/--sender or the trusted handoff hop.
import { readFileSync } from 'node:fs';
import { authenticate, type DNSResolver } from 'mailauth';
import { createDohClient, createMailauthResolver, resolverUrl } from '../../lib/dns/index.ts';
import { createUndiciTransport } from '../../lib/dns/node/undici-transport.ts';
import { analyzeHeaders } from '../../lib/headers/index.ts';
import type { MessageFacts } from '../../lib/headers/message-facts.ts';
import type { CliHost, CliIo } from '../io.ts';
import {
  compareResults,
  formatComparison,
  type IndependentResults,
} from '../report/verify-comparison.ts';
import type { RegisterCommand } from './command.ts';

interface VerifyOptions {
  ip?: string;
  helo?: string;
  sender?: string;
  mta?: string;
  resolver?: string[];
  lab?: boolean;
  json?: boolean;
  provider?: string[];
  authservId?: string[];
}

interface SmtpInputs {
  ip: string | null;
  helo: string | null;
  sender: string | null;
  source: 'options' | 'handoff-hop' | 'none';
}

function smtpInputs(facts: MessageFacts, o: VerifyOptions): SmtpInputs {
  const hop = facts.trust.handoffIndex === null ? undefined : facts.hops[facts.trust.handoffIndex];
  const ip = o.ip ?? hop?.from.ip ?? null;
  const helo = o.helo ?? hop?.from.helo ?? hop?.from.host ?? null;
  const sender = o.sender ?? facts.envelopeFrom?.address ?? null;
  const source = o.ip ? 'options' : hop?.from.ip ? 'handoff-hop' : 'none';
  return { ip, helo, sender, source };
}

function labFile(env: NodeJS.ProcessEnv): { dohUrl: string; caCertPem: string } | null {
  try {
    return JSON.parse(
      readFileSync(`${env.MAILSEAL_LAB_DIR || '/tmp/mailseal-lab'}/lab.json`, 'utf8'),
    );
  } catch {
    return null;
  }
}

async function independent(
  raw: Buffer,
  inputs: SmtpInputs,
  resolver: DNSResolver,
  mta: string,
): Promise<IndependentResults> {
  const result = await authenticate(raw, {
    ...(inputs.ip ? { ip: inputs.ip } : {}),
    ...(inputs.helo ? { helo: inputs.helo } : {}),
    ...(inputs.sender ? { sender: inputs.sender } : {}),
    mta,
    resolver,
  });
  return {
    spf:
      result.spf && inputs.ip
        ? { result: result.spf.status.result, domain: result.spf.domain ?? null }
        : null,
    dkim: (result.dkim.results ?? []).map((r) => ({
      domain: r.signingDomain ?? '',
      selector: r.selector ?? null,
      result: r.status.result,
    })),
    dmarc: result.dmarc
      ? {
          result: result.dmarc.status.result,
          domain: result.dmarc.domain ?? null,
          policy: result.dmarc.policy ?? null,
        }
      : null,
    arc: result.arc ? { result: result.arc.status.result } : null,
    bimi: result.bimi ? { result: result.bimi.status.result } : null,
  };
}

async function runVerify(
  file: string,
  o: VerifyOptions,
  io: CliIo,
  setExitCode: (code: number) => void,
  env: CliHost['env'],
) {
  const lab = o.lab || env.MAILSEAL_LAB === '1' ? labFile(env) : null;
  if ((o.lab || env.MAILSEAL_LAB === '1') && !lab) {
    io.err('lab mode needs a running lab: npm run lab:start\n');
    return setExitCode(2);
  }
  const urls = (o.resolver ?? []).map((r) => resolverUrl(r));
  if (urls.some((u) => u === undefined)) {
    io.err('--resolver: use cloudflare, google, quad9 or an https:// DoH URL\n');
    return setExitCode(2);
  }
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (error) {
    io.err(`cannot read ${file}: ${(error as Error).message}\n`);
    return setExitCode(2);
  }
  const facts = analyzeHeaders(new Uint8Array(raw), {
    ...(o.provider ? { providerDomains: o.provider } : {}),
    ...(o.authservId ? { trustedAuthservIds: o.authservId } : {}),
  });
  const inputs = smtpInputs(facts, o);
  const undici = createUndiciTransport(lab ? { ca: lab.caCertPem } : {});
  try {
    const resolvers = urls.length > 0 ? (urls as string[]) : lab ? [lab.dohUrl] : undefined;
    const dns = createDohClient({
      transport: undici.transport,
      ...(resolvers ? { resolvers } : {}),
    });
    // mailauth's DNSResolver type omits the MX objects it reads; ours returns Node's shapes.
    const ours = await independent(
      raw,
      inputs,
      createMailauthResolver(dns) as DNSResolver,
      o.mta ?? 'mailseal.invalid',
    );
    const rows = compareResults(facts, ours);
    if (o.json) {
      io.out(
        `${JSON.stringify({ file, smtp: inputs, provider: facts.authentication, independent: ours, comparison: rows }, null, 2)}\n`,
      );
    } else {
      const spfNote = inputs.ip
        ? `SPF checked for ${inputs.ip} (helo ${inputs.helo ?? '-'}, sender ${inputs.sender ?? '-'}; from ${inputs.source}).`
        : 'SPF not checked: no client IP (give --ip, or the message lacks a trusted handoff hop).';
      io.out(`${spfNote}\n${formatComparison(rows, facts.authentication.authservId)}`);
    }
    setExitCode(rows.some((r) => r.agree === false) ? 1 : 0);
  } finally {
    await undici.close();
  }
}

export const registerVerify: RegisterCommand = (program, io, setExitCode, host) => {
  program
    .command('verify')
    .description(
      "Re-verify a message's DKIM/SPF/DMARC/ARC/BIMI independently and compare with its provider's verdicts",
    )
    .argument('<file.eml>', 'the message, headers and body')
    .option('--ip <address>', 'SMTP client IP for SPF (default: the trusted handoff hop)')
    .option('--helo <name>', 'HELO/EHLO name for SPF (default: the trusted handoff hop)')
    .option('--sender <address>', 'envelope sender for SPF (default: Return-Path)')
    .option('--mta <name>', 'our name in the produced headers')
    .option('--resolver <url...>', 'DoH resolver(s): cloudflare, google, quad9 or an https:// URL')
    .option('--lab', 'lab mode: use the running lab resolver and trust only the lab CA')
    .option('--provider <domain...>', "the recipient provider's organizational domain(s)")
    .option('--authserv-id <id...>', 'authserv-id(s) whose Authentication-Results to trust')
    .option('--json', 'print the comparison as JSON')
    .action(async (file: string, options: VerifyOptions) => {
      await runVerify(file, options, io, setExitCode, host.env);
    });
};
