// The extension's probe client reads whatever answers at the configured URL: oversized, null or
// failing answers end as a rejected request (the assessor shows "could not test"), never as an
// unbounded read or a TypeError (issue 14).
import { describe, expect, it } from 'vitest';
import { fetchProbeReports } from '../../../lib/ext/probe-client.ts';

const answer =
  (body: BodyInit | null, status = 200) =>
  async () =>
    new Response(body, { status, headers: { 'content-type': 'application/json' } });

const ask = (fetch: () => Promise<Response>) =>
  fetchProbeReports(['example.com'], { url: 'https://probe.test/', token: '', fetch });

describe('fetchProbeReports against hostile answers', () => {
  it('refuses an answer over 4 MiB without holding it', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024 * 1024).fill(0x20));
      },
    });
    await expect(ask(answer(endless))).rejects.toThrow(/larger than 4194304/);
    expect(pulled).toBeLessThan(8);
  });
  it('JSON null, a number or a list is an empty answer', async () => {
    for (const body of ['null', '42', '[1,2]', '{"results":null}']) {
      expect((await ask(answer(body))).size).toBe(0);
    }
  });
  it('an error status rejects with the status', async () => {
    await expect(ask(answer('{}', 502))).rejects.toThrow(/answered 502/);
  });
  it('text that is not JSON rejects', async () => {
    await expect(ask(answer('<html>'))).rejects.toThrow();
  });
});
