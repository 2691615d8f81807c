// "Test connection": asks a probe service's /healthz whether it answers and is MailSeal's. Only
// the URL the user typed is contacted; nothing about mail is sent.

export type ProbeHealth =
  | { ok: true; version: string }
  | { ok: false; reason: 'no-url' | 'unreachable' | 'not-mailseal'; status?: number };

export async function testProbeConnection(
  url: string,
  token: string,
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
  timeoutMs = 5000,
): Promise<ProbeHealth> {
  if (url.trim() === '') return { ok: false, reason: 'no-url' };
  let response: Response;
  try {
    response = await fetchImpl(new URL('/healthz', url).toString(), {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: AbortSignal.timeout(timeoutMs),
      credentials: 'omit',
    });
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
  const body = (await response.json().catch(() => null)) as {
    status?: unknown;
    version?: unknown;
  } | null;
  if (!response.ok || body === null || body.status !== 'ok')
    return { ok: false, reason: 'not-mailseal', status: response.status };
  return { ok: true, version: typeof body.version === 'string' ? body.version : '?' };
}
