// Issue 14 (should fix): `mailseal headers` reads its input as a stream, up to a cap before any
// decoding, says when the input was cut, and never answers an empty result silently.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readMessageInput } from '../../../cli/commands/headers-input.ts';
import { runCli } from '../../../cli/main.ts';
import type { MessageFacts } from '../../../lib/headers/message-facts.ts';
import { captureIo } from '../../fixtures/cli/capture-io.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ARCBAD = fileURLToPath(
  new URL('../../../../shared/corpus/rspamd/arcbad.eml', import.meta.url),
);
const dir = mkdtempSync(join(tmpdir(), 'mailseal-headers-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stream that hands out `chunks` one at a time, each after a pause, counting the reads. */
function slowStream(chunks: Uint8Array[]): { stream: Readable; pulled: () => number } {
  let pulled = 0;
  async function* gen(): AsyncGenerator<Uint8Array> {
    for (const c of chunks) {
      await new Promise((r) => setTimeout(r, 5));
      pulled++;
      yield c;
    }
  }
  return { stream: Readable.from(gen()), pulled: () => pulled };
}

describe('readMessageInput', () => {
  it('reads a stream that delivers in pieces, as a pipe does', async () => {
    const msg = readFileSync(ARCBAD);
    const pieces = [msg.subarray(0, 100), msg.subarray(100, 5000), msg.subarray(5000)];
    const { stream } = slowStream(pieces);
    const input = await readMessageInput('-', stream);
    expect(input.cut).toBe(false);
    expect(Buffer.from(input.bytes).equals(msg)).toBe(true);
  });

  it('stops reading at the cap: the rest of the stream is never pulled', async () => {
    const chunk = new Uint8Array(1000).fill(65);
    const { stream, pulled } = slowStream(Array.from({ length: 50 }, () => chunk));
    const input = await readMessageInput('-', stream, 2500);
    expect(input.cut).toBe(true);
    expect(input.bytes.length).toBe(2500);
    expect(pulled()).toBeLessThan(10);
  });

  it('reads a file only up to the cap', async () => {
    const path = join(dir, 'big.eml');
    writeFileSync(path, 'X-A: b\r\n'.repeat(10_000));
    const input = await readMessageInput(path, undefined, 4096);
    expect(input.cut).toBe(true);
    expect(input.bytes.length).toBe(4096);
    const exact = await readMessageInput(path, undefined, 80_000);
    expect(exact.cut).toBe(false);
    expect(exact.bytes.length).toBe(80_000);
  });
});

describe('mailseal headers: input it cannot fully use is named', () => {
  it('a header block longer than the 2 MiB cap: cut before decoding, and said', async () => {
    const path = join(dir, 'huge.eml');
    const received = `Received: from a.example (a.example [192.0.2.1]) by mx.example.net (Postfix) with ESMTP id 1; Mon, 2 Mar 2026 10:00:00 +0000\r\n`;
    writeFileSync(path, received + 'X-Filler: 0123456789abcdef0123456789abcdef\r\n'.repeat(70_000));
    const io = captureIo();
    expect(await runCli(['headers', '--json', '--no-history', path], io)).toBe(0);
    const facts = JSON.parse(io.stdout()) as MessageFacts;
    expect(facts.hops).toHaveLength(1);
    expect(facts.warnings.some((w) => /input cut at 2 MiB/.test(w))).toBe(true);
    expect(io.stderr()).toMatch(/input cut at 2 MiB before the header block ended/);
  });

  it('garbage: no header fields, exit 2 with a message instead of 0 hops and exit 0', async () => {
    const path = join(dir, 'garbage.bin');
    writeFileSync(path, Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37) % 256)));
    const io = captureIo();
    expect(await runCli(['headers', '--no-history', path], io)).toBe(2);
    expect(io.stderr()).toMatch(/no header fields found/);
  });

  it('a header block without Received headers: answered, with a note on stderr', async () => {
    const path = join(dir, 'draft.eml');
    writeFileSync(path, 'From: a@example.org\r\nSubject: draft\r\n\r\nbody\r\n');
    const io = captureIo();
    expect(await runCli(['headers', '--json', '--no-history', path], io)).toBe(0);
    expect((JSON.parse(io.stdout()) as MessageFacts).hops).toEqual([]);
    expect(io.stderr()).toMatch(/no Received headers/);
  });

  it('`-` reads standard input from a pipe that fills slowly (a subprocess, the real stdin)', async () => {
    const child = spawn(
      process.execPath,
      ['cli/bin/mailseal.js', 'headers', '--json', '--no-history', '-'],
      { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
    });
    const msg = readFileSync(ARCBAD);
    child.stdin.write(msg.subarray(0, 300));
    await new Promise((r) => setTimeout(r, 300));
    child.stdin.end(msg.subarray(300));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(0);
    expect((JSON.parse(out) as MessageFacts).hops).toHaveLength(8);
  }, 30_000);
});

describe('issue 17: header text in UTF-8 (RFC 6532 §3.2) is decoded as UTF-8', () => {
  const UNICODE1 = fileURLToPath(
    new URL('../../../../shared/corpus/spamassassin/nice/unicode1', import.meta.url),
  );

  it('mailseal headers prints università and Sörensen, not universitÃ ', async () => {
    const io = captureIo();
    expect(await runCli(['headers', '--no-history', UNICODE1], io)).toBe(0);
    expect(io.stdout()).toContain('esempio-università.it');
    expect(io.stdout()).toContain('Sörensen.example.com');
    expect(io.stdout()).not.toContain('Ã');
  });

  it('a legacy 8-bit block that is not UTF-8 keeps every byte (read as Latin-1)', async () => {
    const path = join(dir, 'latin1.eml');
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from('Received: from a.example (caf'),
        Buffer.from([0xe9]),
        Buffer.from(
          '.example [192.0.2.1]) by mx.example.net with ESMTP id 1; Mon, 2 Mar 2026 10:00:00 +0000\r\n\r\n',
        ),
      ]),
    );
    const io = captureIo();
    expect(await runCli(['headers', '--json', '--no-history', path], io)).toBe(0);
    expect((JSON.parse(io.stdout()) as MessageFacts).hops[0]?.raw).toContain('café.example');
  });
});
