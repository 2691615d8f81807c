// Asks the companion probe service about a few domains. Only domain names are sent. The answer
// comes from the network, so it is checked: the view for the report (probe-view.ts) and, when
// its shape is right, the raw DomainProbeReport for the scoring engine.

import type { ProbeSource } from '../assess/assess-domain.ts';
import { readLimited } from '../dns/transport.ts';
import { type ProbeView, readProbeAssessment } from '../messaging/probe-view.ts';
import type { ProbeInput } from '../score/index.ts';

export interface ProbeClientOptions {
  url: string;
  token: string;
  fetch?: (input: string, init?: RequestInit) => Promise<Response>;
  timeoutMs?: number;
}

export interface ProbeReport {
  view: ProbeView;
  raw: ProbeInput | null;
}

/** Four domains' reports with transcripts stay far below this. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields lib/score reads, checked at the top level; anything else is left unscored. */
function asProbeInput(value: unknown): ProbeInput | null {
  if (!isObject(value)) return null;
  const ok =
    typeof value.domain === 'string' &&
    typeof value.mxStatus === 'string' &&
    Array.isArray(value.mx) &&
    value.mx.every(
      (mx) =>
        isObject(mx) &&
        Array.isArray(mx.addresses) &&
        isObject(mx.dane) &&
        isObject(mx.verdict) &&
        isObject(mx.mtaSts),
    ) &&
    isObject(value.mtaSts) &&
    isObject(value.verdict);
  return ok ? (value as unknown as ProbeInput) : null;
}

export async function fetchProbeReports(
  domains: readonly string[],
  options: ProbeClientOptions,
): Promise<Map<string, ProbeReport>> {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const endpoint = new URL('/v1/assess', options.url).toString();
  const response = await doFetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify({ domains }),
    credentials: 'omit',
    signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
  });
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`probe service answered ${response.status}`);
  }
  // The service URL is a setting: whatever answers there is read with a cap, and JSON that is
  // not an object (`null`, a number) is an empty answer, not a TypeError.
  const text = new TextDecoder().decode(await readLimited(response.body, MAX_ANSWER_BYTES));
  const body: unknown = JSON.parse(text);
  const results = isObject(body) && Array.isArray(body.results) ? body.results : [];
  const reports = new Map<string, ProbeReport>();
  for (const result of results) {
    const view = readProbeAssessment(result);
    if (view)
      reports.set(view.domain, { view, raw: asProbeInput(isObject(result) ? result.probe : null) });
  }
  return reports;
}

/** The probe service as an assessment's probe source (lib/assess), one domain per call. */
export function serviceProbe(options: ProbeClientOptions): ProbeSource<ProbeReport> {
  return {
    async probe(domain) {
      const report = (await fetchProbeReports([domain], options)).get(domain);
      if (!report) throw new Error(`no answer for ${domain}`);
      return report;
    },
    scoreInput: (report) => report.raw,
  };
}
