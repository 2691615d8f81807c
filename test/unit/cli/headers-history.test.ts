// `mailseal headers` with the file-backed handoff history: MECSA's 80% rule over several
// messages from one sender domain, `--no-history`, and `--json` with and without `--score`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main.ts';
import type { MessageFacts } from '../../../lib/headers/message-facts.ts';
import type { MessageScore } from '../../../lib/score/index.ts';
import { captureIo } from '../../fixtures/cli/capture-io.ts';

/** A message from news@sender.example, handed over with TLS 1.3 or in cleartext. */
function eml(minute: number, tls: boolean, from = 'sender.example'): string {
  const at = `Wed, 1 May 2024 10:${String(minute).padStart(2, '0')}:00 +0000`;
  return [
    'Authentication-Results: mx.recipient.example;',
    `\tdkim=pass header.d=${from} header.s=s2024;`,
    `\tspf=pass smtp.mailfrom=${from};`,
    `\tdmarc=pass (p=reject) header.from=${from}`,
    'Received: from mx.recipient.example (localhost [127.0.0.1])',
    '\tby store.recipient.example (Postfix) with LMTP id 1',
    `\tfor <alice@recipient.example>; ${at}`,
    `Received: from out.${from} (out.${from} [198.51.100.25])`,
    ...(tls ? ['\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))'] : []),
    `\tby mx.recipient.example (Postfix) with ${tls ? 'ESMTPS' : 'ESMTP'} id ${minute}`,
    `\tfor <alice@recipient.example>; ${at}`,
    `DKIM-Signature: v=1; a=rsa-sha256; d=${from}; s=s2024; h=from:to; bh=AAAA; b=BBBB`,
    `From: News <news@${from}>`,
    'To: alice@recipient.example',
    'Subject: weekly news',
    '',
    'body',
    '',
  ].join('\r\n');
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mailseal-headers-history-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const historyDir = () => join(dir, 'state');
const base = ['headers', '--provider', 'recipient.example'];

async function scored(file: string, extra: string[] = []) {
  const io = captureIo();
  const code = await runCli([...base, '--json', '--score', ...extra, file], io);
  expect(code).toBe(0);
  return JSON.parse(io.stdout()) as {
    facts: MessageFacts;
    score: MessageScore;
    history: { senderDomain: string | null; observations: number; path: string | null };
  };
}

describe('mailseal headers with a handoff history', () => {
  it('applies the 80% rule to the sender’s outbound STARTTLS across messages', async () => {
    const dirArgs = ['--history-dir', historyDir()];
    // Four TLS handoffs and one in cleartext: 4/5 = 80%, supported.
    for (const [minute, tls] of [
      [1, true],
      [2, true],
      [3, false],
      [4, true],
    ] as const) {
      await scored(write(`m${minute}.eml`, eml(minute, tls)), dirArgs);
    }
    const fifth = await scored(write('m5.eml', eml(5, true)), dirArgs);
    expect(fifth.history).toMatchObject({ senderDomain: 'sender.example', observations: 5 });
    expect(fifth.score.providers.sender?.outbound.support.starttls).toMatchObject({
      passed: 4,
      failed: 1,
      ratio: 0.8,
      status: 'supported',
    });
    // A second cleartext handoff: 4/6 ≈ 67%, no longer supported, and Confidential delivery
    // of the outbound channel drops to 0 stars (table 3.1 row 8).
    const sixth = await scored(write('m6.eml', eml(6, false)), dirArgs);
    const outbound = sixth.score.providers.sender?.outbound;
    expect(outbound?.support.starttls).toMatchObject({
      passed: 4,
      failed: 2,
      status: 'unsupported',
    });
    expect(outbound?.categories.confidentiality.stars).toBe(0);
    // This message's own handoff was in cleartext: the padlock is red whatever the history.
    expect(sixth.score.padlock.level).toBe('red');
  });

  it('counts a message once, however often it is analysed', async () => {
    const file = write('m1.eml', eml(1, true));
    await scored(file, ['--history-dir', historyDir()]);
    const again = await scored(file, ['--history-dir', historyDir()]);
    expect(again.history.observations).toBe(1);
  });

  it('keeps domains apart', async () => {
    const dirArgs = ['--history-dir', historyDir()];
    await scored(write('a.eml', eml(1, false, 'other.example')), dirArgs);
    const mine = await scored(write('b.eml', eml(2, true)), dirArgs);
    expect(mine.score.providers.sender?.outbound.support.starttls).toMatchObject({
      passed: 1,
      failed: 0,
    });
  });

  it('--no-history records nothing and scores the message alone', async () => {
    await scored(write('m1.eml', eml(1, false)), ['--history-dir', historyDir()]);
    const alone = await scored(write('m2.eml', eml(2, true)), [
      '--no-history',
      '--history-dir',
      historyDir(),
    ]);
    expect(alone.history).toEqual({ senderDomain: 'sender.example', observations: 1, path: null });
    expect(alone.score.providers.sender?.outbound.support.starttls).toMatchObject({ passed: 1 });
    const stored = JSON.parse(readFileSync(join(historyDir(), 'handoff-history.json'), 'utf8'));
    expect(stored.domains['sender.example']).toHaveLength(1);
  });

  it('--json alone prints MessageFacts unchanged, and still records the handoff', async () => {
    const io = captureIo();
    const file = write('m1.eml', eml(1, true));
    await runCli([...base, '--json', '--history-dir', historyDir(), file], io);
    const facts = JSON.parse(io.stdout()) as MessageFacts & { score?: unknown };
    expect(facts.schemaVersion).toBe(1);
    expect(facts.score).toBeUndefined();
    expect(Object.keys(facts)).not.toContain('history');
    const withScore = await scored(file, ['--history-dir', historyDir()]);
    expect(withScore.facts).toEqual(facts);
    expect(withScore.history.observations).toBe(1);
  });

  it('the text report shows the sender’s history and its outbound stars', async () => {
    const dirArgs = ['--history-dir', historyDir()];
    for (let m = 1; m <= 4; m++) await scored(write(`m${m}.eml`, eml(m, m !== 2)), dirArgs);
    const io = captureIo();
    await runCli([...base, ...dirArgs, write('m5.eml', eml(5, true))], io);
    expect(io.stdout()).toMatch(
      /Sender history: sender\.example, 5 handoff\(s\) recorded \(4 encrypted, 1 cleartext, 0 without evidence\)/,
    );
    expect(io.stdout()).toMatch(/starttls ✓ 80%/);
  });

  it('falls back to the message alone with a note when the store cannot be written', async () => {
    const blocker = write('not-a-dir', 'a file where the directory should be');
    const io = captureIo();
    const code = await runCli(
      [
        ...base,
        '--json',
        '--score',
        '--history-dir',
        join(blocker, 'sub'),
        write('m.eml', eml(1, true)),
      ],
      io,
    );
    expect(code).toBe(0);
    expect(io.stderr()).toMatch(/handoff history not used/);
    expect(JSON.parse(io.stdout()).history).toMatchObject({ observations: 1, path: null });
  });
});
