// MECSA's support rule: a protocol is supported when at least 80% of its tests succeed, counted
// across every MX and every observed sender. Tests we could not run are left out of the count
// (MECSA skips MX it could not connect to), so "could not test" never reads as "unsupported".

export type TestResult = 'pass' | 'fail' | 'untested';

export type SupportStatus = 'supported' | 'unsupported' | 'unknown';

export interface ProtocolTest {
  result: TestResult;
  /** What was tested, e.g. `mx1.example.com: TLSv1.3` or `handoff 2024-05-01: cleartext`. */
  subject: string;
}

export interface Support {
  status: SupportStatus;
  passed: number;
  failed: number;
  untested: number;
  /** passed / (passed + failed); null when nothing was tested. */
  ratio: number | null;
  /** True when the value was carried over from another channel, as MECSA does (see docs/scoring.md). */
  presumed: boolean;
  tests: ProtocolTest[];
}

export const SUPPORT_THRESHOLD = 0.8;

/** A yes/no finding as a test result; null is a test we could not run. */
export function resultOf(ok: boolean | null): TestResult {
  return ok === null ? 'untested' : ok ? 'pass' : 'fail';
}

export function supportOf(tests: readonly ProtocolTest[], presumed = false): Support {
  let passed = 0;
  let failed = 0;
  let untested = 0;
  for (const t of tests) {
    if (t.result === 'pass') passed++;
    else if (t.result === 'fail') failed++;
    else untested++;
  }
  const tested = passed + failed;
  const ratio = tested === 0 ? null : passed / tested;
  const status: SupportStatus =
    ratio === null ? 'unknown' : ratio >= SUPPORT_THRESHOLD ? 'supported' : 'unsupported';
  return { status, passed, failed, untested, ratio, presumed, tests: [...tests] };
}

/**
 * MECSA averages SPF over two parts of different sizes: the share of received messages that pass
 * and the validity of the published record. Each part with tests counts once; a part without
 * tests is left out.
 */
export function averagedSupport(parts: readonly (readonly ProtocolTest[])[]): Support {
  const measured = parts.map((p) => supportOf(p)).filter((s) => s.ratio !== null);
  const all = parts.flat();
  const base = supportOf(all);
  if (measured.length === 0) return base;
  const ratio = measured.reduce((sum, s) => sum + (s.ratio ?? 0), 0) / measured.length;
  return { ...base, ratio, status: ratio >= SUPPORT_THRESHOLD ? 'supported' : 'unsupported' };
}

/** The support of `from`, marked as presumed for another channel. */
export function presumedFrom(from: Support): Support {
  return { ...from, presumed: true };
}
