// npm run bench:probe — probes every lab Postfix MX listener with MailSeal and with posttls-finger,
// at the same parallelism, in one run; prints probes/s for each and the ratio.

import { createTrustStore } from '../lib/probe/certificate-chain.ts';
import { analyzeCertificate } from '../lib/probe/certificate-report.ts';
import { DEFAULT_PROBE_LIMITS } from '../lib/probe/limits.ts';
import { runSmtpSession } from '../lib/probe/smtp-session.ts';
import { nodeTransport } from '../lib/probe/transport.ts';
import { requireLab } from '../test/lab/lab-info.ts';
import { fingerSecure } from '../test/lab/reference/posttls-finger.ts';

const PARALLELISM = Number(process.env.BENCH_PARALLELISM ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const lab = requireLab();
const targets = lab.scenarios.flatMap((s) =>
  s.mx
    .filter((mx) => mx.server === 'postfix')
    .map((mx) => ({ domain: s.domain, host: mx.hostname, address: mx.address })),
);
const store = createTrustStore([lab.caCertPem]);

async function pool<T>(
  items: readonly T[],
  worker: (item: T) => Promise<unknown>,
): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLELISM }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await worker(item);
      }
    }),
  );
  return performance.now() - started;
}

const jobs = Array.from({ length: ROUNDS }, () => targets).flat();

const mailsealMs = await pool(jobs, async (t) => {
  const session = await runSmtpSession({
    address: t.address,
    host: t.host,
    port: 25,
    ehloName: 'bench.mailseal.invalid',
    tryUnadvertised: true,
    deadline: Date.now() + 30_000,
    limits: DEFAULT_PROBE_LIMITS,
    transport: nodeTransport,
    now: Date.now,
  });
  if (session.tls)
    await analyzeCertificate(session.tls.chain, {
      domain: t.domain,
      mxHost: t.host,
      store,
      now: new Date(),
    });
});
const fingerMs = await pool(jobs, (t) => fingerSecure(lab, t.address, t.host));

const rate = (ms: number) => (jobs.length / ms) * 1000;
const m = rate(mailsealMs);
const f = rate(fingerMs);
console.log(`listeners ${targets.length}, probes ${jobs.length} each, parallelism ${PARALLELISM}`);
console.log(`MailSeal       ${m.toFixed(1)} probes/s (${mailsealMs.toFixed(0)} ms)`);
console.log(`posttls-finger ${f.toFixed(1)} probes/s (${fingerMs.toFixed(0)} ms)`);
console.log(`ratio          ${(m / f).toFixed(1)}x`);
