import type { LabExpect } from '../catalogue-types.ts';
import type { LabInfo, ResolvedScenario } from '../lab-info.ts';
import { curlPolicy } from './curl.ts';
import { kdig } from './kdig.ts';
import { fingerDane, fingerPermissive, fingerSecure } from './posttls-finger.ts';

/** One fact from expect.lab compared with what a reference tool saw. */
export interface CheckResult {
  readonly scenario: string;
  readonly check: string;
  readonly expected: string;
  readonly actual: string;
  readonly ok: boolean;
  readonly detail?: string;
}

const fqdn = (name: string, domain: string) =>
  name.endsWith('.') ? name : name === '@' ? `${domain}.` : `${name}.${domain}.`;

/** Runs every reference check that the scenario's expect.lab asks for. */
export async function checkScenario(lab: LabInfo, s: ResolvedScenario): Promise<CheckResult[]> {
  const want: LabExpect = s.expect.lab ?? {};
  const results: CheckResult[] = [];
  const add = (check: string, expected: unknown, actual: unknown, detail?: string) =>
    results.push({
      scenario: s.name,
      check,
      expected: String(expected),
      actual: String(actual),
      ok: String(expected) === String(actual),
      ...(detail && String(expected) !== String(actual) ? { detail } : {}),
    });

  if (want.dnssec) {
    // Over DoH: the same resolver the extension and the CLI use in lab mode.
    const r = await kdig(lab, `${s.domain}.`, 'SOA', 'doh');
    const seen =
      r.rcode === 'SERVFAIL'
        ? 'bogus'
        : r.rcode !== 'NOERROR'
          ? `rcode ${r.rcode}`
          : r.ad
            ? 'secure'
            : 'insecure';
    add('dnssec (kdig +https)', want.dnssec, seen, r.error);
  }
  for (const q of want.dns ?? []) {
    const name = fqdn(q.name, s.domain);
    const r = await kdig(lab, name, q.type);
    const label = `dns ${q.name} ${q.type}`;
    if (q.rcode) add(`${label} rcode`, q.rcode, r.rcode, r.error);
    // Owner names differ when the resolver followed a CNAME; the type is what counts.
    const rrs = r.answers.filter((a) => a.type === q.type);
    if (q.count !== undefined)
      add(`${label} count`, q.count, rrs.length, rrs.map((a) => a.data).join(' | '));
    for (const needle of q.contains ?? []) {
      const found = rrs.some((a) => a.data.toLowerCase().includes(needle.toLowerCase()));
      add(`${label} contains "${needle}"`, true, found, rrs.map((a) => a.data).join(' | '));
    }
  }
  for (const [id, e] of Object.entries(want.smtp ?? {})) {
    const mx = s.mx.find((m) => m.id === id);
    if (!mx) {
      add(`smtp ${id}`, 'listener', 'none');
      continue;
    }
    const secure = await fingerSecure(lab, mx.address, mx.hostname);
    add(
      `smtp ${id} level (posttls-finger -l secure)`,
      e.level,
      secure.level,
      tail(secure.transcript),
    );
    if (e.tlsVersion) {
      const loose = await fingerPermissive(lab, mx.address);
      add(
        `smtp ${id} protocol (permissive client)`,
        e.tlsVersion,
        loose.tlsVersion ?? loose.level,
        tail(loose.transcript),
      );
    }
    if (e.dane || e.daneLevel) {
      const dane = await fingerDane(lab, s.domain);
      if (e.dane)
        add(`smtp ${id} dane (posttls-finger -l dane)`, e.dane, dane.dane, tail(dane.transcript));
      if (e.daneLevel) add(`smtp ${id} dane level`, e.daneLevel, dane.level, tail(dane.transcript));
    }
  }
  if (want.policy) {
    if (!s.policy) add('policy', 'a policy host', 'none declared');
    else {
      const p = await curlPolicy(lab, s.policy);
      add('policy http status (curl)', want.policy.status, p.status, `curl exit ${p.curlExit}`);
      if (want.policy.curlExit !== undefined)
        add('policy curl exit', want.policy.curlExit, p.curlExit);
      if (want.policy.mode) add('policy mode', want.policy.mode, p.mode ?? 'none');
      if (want.policy.minBytes !== undefined)
        add(
          `policy bytes >= ${want.policy.minBytes}`,
          true,
          p.bytes >= want.policy.minBytes,
          `${p.bytes} bytes`,
        );
      if (want.policy.maxBytes !== undefined)
        add(
          `policy bytes <= ${want.policy.maxBytes}`,
          true,
          p.bytes <= want.policy.maxBytes,
          `${p.bytes} bytes`,
        );
      if (want.policy.redirect !== undefined)
        add('policy redirect', want.policy.redirect, p.redirect !== undefined, p.redirect);
    }
  }
  if (want.dohMalformed !== undefined && s.doh) {
    const r = await kdig(lab, `${s.domain}.`, 'A', {
      dohUrl: s.doh.url,
      hostname: `doh.${s.domain}`,
    });
    const malformed =
      /malformed|truncated|invalid|parse/i.test(r.error ?? '') && r.rcode === 'NONE';
    add('doh reply malformed (kdig +https)', want.dohMalformed, malformed, r.error);
  }
  return results;
}

const tail = (text: string) => text.trim().split('\n').slice(-4).join('\n');
