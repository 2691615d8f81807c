// npm run lab:start: builds the lab from the catalogue and starts what is not already running.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAB_TLD, loadCatalogue } from './catalogue.ts';
import type { LabInfo, ResolvedScenario } from './lab-info.ts';
import { type AdversarialServer, startAdversarial } from './lib/adversarial.ts';
import {
  ensureCa,
  type IssuedCert,
  issueCert,
  rootCertPath,
  rootSpkiSha256Base64,
} from './lib/ca.ts';
import { writeIfChanged } from './lib/files.ts';
import { HOSTILE_REVOCATION_ADDRESS, HOSTILE_REVOCATION_PORT } from './lib/hostile-revocation.ts';
import { startKnot } from './lib/knot.ts';
import { startNginx } from './lib/nginx.ts';
import { ensurePackages } from './lib/packages.ts';
import { startPostfix } from './lib/postfix.ts';
import { ADDR, resolveScenarios } from './lib/resolve.ts';
import { ensureDir, stateDir } from './lib/state.ts';
import { printLab } from './lib/summary.ts';
import { startUnbound, trustAnchorPath } from './lib/unbound.ts';
import { expandRecords } from './lib/zones.ts';
import { RECIPIENT_MX_HOST, WEBMAIL_HOST } from './webmail/addresses.ts';
import { mailflowMasterLines } from './webmail/postfix-paths.ts';
import { webmailServerBlock } from './webmail/roundcube.ts';
import { ensureWebmailPackages, startWebmail } from './webmail/start-webmail.ts';

const started = Date.now();
const step = (what: string) =>
  console.log(`[lab ${((Date.now() - started) / 1000).toFixed(1)}s] ${what}`);

async function main(): Promise<void> {
  ensureDir();
  const installed = ensurePackages(step);
  if (installed.length > 0) step(`installed ${installed.join(' ')}`);
  const webmailPackagesError = ensureWebmailPackages(step);
  if (webmailPackagesError) step(`WEBMAIL NOT AVAILABLE: ${webmailPackagesError}`);
  const scenarios = resolveScenarios(loadCatalogue());
  step(`catalogue: ${scenarios.length} scenarios`);

  ensureCa();
  const mxCert = new Map<string, IssuedCert>();
  const certOf = (s: ResolvedScenario, id: string): IssuedCert => {
    const cert = mxCert.get(`${s.name}/${id}`);
    if (!cert) throw new Error(`lab: ${s.name}: no certificate for "${id}"`);
    return cert;
  };
  for (const s of scenarios) {
    for (const mx of s.mx) mxCert.set(`${s.name}/${mx.id}`, issueCert(mx.hostname, mx.certificate));
  }
  const dohCert = issueCert(`doh.${LAB_TLD}`, 'valid', [ADDR.resolver]);
  step('certificates issued by the lab CA');

  const zoneRecords = new Map(
    scenarios.map((s) => [s.domain, expandRecords(s, (id) => certOf(s, id))]),
  );
  const knot = await startKnot(scenarios, zoneRecords);
  step(`knot authoritative on ${ADDR.authoritative}:53${knot.changed ? ' (zones updated)' : ''}`);
  await startUnbound(dohCert, knot.trustAnchor, knot.changed);
  step(
    `unbound validating on ${ADDR.resolver}:53 and https://${ADDR.resolver}:${ADDR.dohPort}/dns-query`,
  );

  const postfixMx = scenarios.flatMap((s) =>
    s.mx.filter((m) => m.server === 'postfix').map((mx) => ({ mx, cert: certOf(s, mx.id) })),
  );
  startPostfix(
    postfixMx,
    mailflowMasterLines({
      submission: issueCert('smtp.mailflow.lab', 'valid'),
      relay: issueCert('relay.mailflow.lab', 'valid'),
      recipientMx: issueCert(RECIPIENT_MX_HOST, 'valid'),
    }),
  );
  step(`postfix: ${postfixMx.length} MX listeners and the webmail's mail-flow paths`);

  const policies = scenarios.flatMap((s) =>
    s.policy?.server === 'nginx'
      ? [{ policy: s.policy, cert: issueCert(s.policy.hostname, s.policy.certificate) }]
      : [],
  );
  const webmailCert = issueCert(WEBMAIL_HOST, 'valid');
  await startNginx(
    policies,
    issueCert(`policy.${LAB_TLD}`, 'valid'),
    webmailPackagesError
      ? []
      : [webmailServerBlock(WEBMAIL_HOST, webmailCert.chainPath, webmailCert.keyPath)],
  );
  step(`nginx: ${policies.length} policy hosts${webmailPackagesError ? '' : ' and the webmail'}`);
  const webmail = webmailPackagesError
    ? ({ ok: false, error: webmailPackagesError } as const)
    : await startWebmail(trustAnchorPath());
  step(
    webmail.ok
      ? `webmail: Roundcube at ${webmail.url} (${webmail.address}), Dovecot, OpenDKIM, OpenDMARC`
      : `WEBMAIL NOT AVAILABLE (the rest of the lab is up; Roundcube tests will fail): ${webmail.error}`,
  );

  const adversaries: AdversarialServer[] = scenarios.flatMap((s) => [
    ...s.mx
      .filter((m) => m.server !== 'postfix')
      .map((m) => ({ program: m.server, address: m.address, port: m.port, hostname: m.hostname })),
    ...(s.policy && s.policy.server !== 'nginx'
      ? [
          {
            program: s.policy.server,
            address: s.policy.address,
            port: s.policy.port,
            hostname: s.policy.hostname,
            cert: issueCert(s.policy.hostname, s.policy.certificate),
          },
        ]
      : []),
    ...(s.doh
      ? [
          {
            program: s.doh.server,
            address: s.doh.address,
            port: s.doh.port,
            hostname: s.domain,
            cert: issueCert(`doh.${s.domain}`, 'valid', [s.doh.address]),
          },
        ]
      : []),
  ]);
  if (scenarios.some((s) => s.mx.some((m) => m.certificate === 'hostile-revocation'))) {
    adversaries.push({
      program: 'hostile-revocation',
      address: HOSTILE_REVOCATION_ADDRESS,
      port: HOSTILE_REVOCATION_PORT,
      hostname: `revocation.${LAB_TLD}`,
    });
  }
  await startAdversarial(adversaries);
  step(`adversarial servers: ${adversaries.length}`);

  const caCertPem = readFileSync(rootCertPath(), 'utf8');
  const info: LabInfo = {
    tld: LAB_TLD,
    stateDir: stateDir(),
    dohUrl: `https://${ADDR.resolver}:${ADDR.dohPort}/dns-query`,
    dohHostname: `doh.${LAB_TLD}`,
    resolverAddress: ADDR.resolver,
    authoritative: [ADDR.authoritative],
    caCertPath: rootCertPath(),
    caCertPem,
    caSpkiSha256Base64: rootSpkiSha256Base64(),
    trustAnchorPath: trustAnchorPath(),
    trustAnchor: knot.trustAnchor,
    policyAddress: ADDR.policyNginx,
    startedAt: new Date().toISOString(),
    scenarios,
    webmail,
  };
  // startedAt changes every run; only rewrite when something else did.
  const path = join(stateDir(), 'lab.json');
  const { startedAt: _, ...comparable } = info;
  if (writeIfChanged(join(stateDir(), 'lab.fingerprint.json'), JSON.stringify(comparable))) {
    writeFileSync(path, `${JSON.stringify(info, null, 2)}\n`);
  }
  printLab(info);
  step(`lab ready; description in ${path}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
