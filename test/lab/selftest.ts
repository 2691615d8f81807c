// npm run lab:selftest: checks every scenario of the running lab against expect.lab with
// kdig, posttls-finger and curl only (no MailSeal code). Prints a table; exits 1 on mismatch.
import { requireLab } from './lab-info.ts';
import { type CheckResult, checkScenario } from './reference/checks.ts';
import { scenariosToCheck } from './reference/scenarios-to-check.ts';

async function main(): Promise<void> {
  const lab = requireLab();
  const only = process.argv.slice(2);
  const scenarios = scenariosToCheck(lab).filter((s) => only.length === 0 || only.includes(s.name));
  const results: CheckResult[] = [];
  // A few scenarios at a time: the adversarial ones spend seconds waiting.
  const queue = [...scenarios];
  const worker = async () => {
    for (let s = queue.shift(); s; s = queue.shift())
      results.push(...(await checkScenario(lab, s)));
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  const order = new Map(scenarios.map((s, i) => [s.name, i]));
  results.sort((a, b) => (order.get(a.scenario) ?? 0) - (order.get(b.scenario) ?? 0));
  const w = (k: 'scenario' | 'check' | 'expected') =>
    Math.max(k.length, ...results.map((r) => r[k].length));
  const widths = [w('scenario'), w('check'), w('expected')] as const;
  const row = (a: string, b: string, c: string, d: string, ok: string) =>
    console.log(
      `${ok}  ${a.padEnd(widths[0])}  ${b.padEnd(widths[1])}  ${c.padEnd(widths[2])}  ${d}`,
    );
  row('scenario', 'check', 'expected', 'actual', '  ');
  for (const r of results) {
    row(r.scenario, r.check, r.expected, r.actual, r.ok ? 'ok' : '!!');
    if (!r.ok && r.detail) console.log(`      ${r.detail.replace(/\n/g, '\n      ')}`);
  }
  const failed = results.filter((r) => !r.ok);
  console.log(
    `\n${results.length - failed.length}/${results.length} checks match, ${scenarios.length} scenarios`,
  );
  if (failed.length > 0) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
