// `mailseal headers --replay DIR`, the profile alerts of `mailseal headers`, and `mailseal
// history`, on real corpus messages whose handoff Received line is varied as a sender's mail
// varies (Fastmail's copy of an Amazon message, ../shared/corpus/dkim-verifier/original).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main.ts';
import { captureIo } from '../../fixtures/cli/capture-io.ts';

const AMAZON = readFileSync(
  new URL(
    '../../../../shared/corpus/dkim-verifier/original/Fastmail from Amazon - Verify your new Amazon account.eml',
    import.meta.url,
  ),
  'latin1',
);
const HANDOFF_DATE = 'Mon, 23 Oct 2023 17:23:10 -0400';
// Postfix writes both TLS comments only for a TLS session (smtpd_tls_received_header).
const HANDOFF_TLS =
  '\t(using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits))\n\t(No client certificate requested)\n';

/** The message handed over on 2023-10-(day) at 17:(minute), over TLS 1.2 or in cleartext. */
function message(day: number, minute: number, cleartext = false): string {
  const date = `${String(day).padStart(2, '0')} Oct 2023 17:${String(minute).padStart(2, '0')}:10 -0400`;
  // Every stamp of the delivery (the handoff and Fastmail's internal hops) moves to the new date.
  let text = AMAZON.replaceAll(HANDOFF_DATE, `Mon, ${date}`);
  if (cleartext)
    text = text
      .replace(HANDOFF_TLS, '')
      .replace('with ESMTPS id 69C5C23C00BB', 'with ESMTP id 69C5C23C00BB');
  return text;
}

function folder(days: number[], cleartextDay: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailseal-replay-'));
  // File names out of date order on purpose: the replay orders by handoff date.
  for (const [i, day] of days.entries()) writeFileSync(join(dir, `z${9 - i}.eml`), message(day, i));
  writeFileSync(join(dir, 'a-downgraded.eml'), message(cleartextDay, 59, true));
  return dir;
}

describe('mailseal headers --replay', () => {
  it('replays in date order and shows the alert on the downgraded message only', async () => {
    const dir = folder([2, 4, 6, 8, 10, 12], 20);
    const io = captureIo();
    expect(await runCli(['headers', '--replay', dir, '--json'], io)).toBe(0);
    const result = JSON.parse(io.stdout()) as {
      messages: { file: string; day: string; alerts: { kind: string }[] }[];
    };
    expect(result.messages.map((m) => m.day)).toEqual([
      '2023-10-02',
      '2023-10-04',
      '2023-10-06',
      '2023-10-08',
      '2023-10-10',
      '2023-10-12',
      '2023-10-20',
    ]);
    expect(result.messages.map((m) => m.alerts.map((a) => a.kind))).toEqual([
      [],
      [],
      [],
      [],
      [],
      [],
      ['tls-downgrade'],
    ]);
    const text = captureIo();
    await runCli(['headers', '--replay', dir], text);
    expect(text.stdout()).toMatch(
      /2023-10-20 {2}amazon\.com {2}a-downgraded\.eml {2}— 1 alert\(s\)/,
    );
    expect(text.stdout()).toMatch(/arrived without encryption/);
    expect(text.stdout()).toMatch(
      /usually arrives encrypted \(TLS 1\.2\): the last 6 messages since 2023-10-02/,
    );
  });

  it('a cleartext message among too few earlier ones gives no alert', async () => {
    const io = captureIo();
    await runCli(['headers', '--replay', folder([2, 3, 4], 5), '--json'], io);
    const result = JSON.parse(io.stdout()) as { messages: { alerts: unknown[] }[] };
    expect(result.messages.flatMap((m) => m.alerts)).toEqual([]);
  });

  it('refuses a missing folder with exit code 2', async () => {
    const io = captureIo();
    expect(await runCli(['headers', '--replay', '/nonexistent/mailseal'], io)).toBe(2);
    expect(io.stderr()).toMatch(/cannot replay/);
  });
});

describe('mailseal headers and mailseal history', () => {
  it('learns across runs, alerts on the downgrade, and history lists, exports, forgets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailseal-profile-'));
    const msgs = mkdtempSync(join(tmpdir(), 'mailseal-msgs-'));
    for (const [i, day] of [2, 4, 6, 8, 10, 12].entries()) {
      const file = join(msgs, `${i}.eml`);
      writeFileSync(file, message(day, i));
      expect(await runCli(['headers', file, '--history-dir', dir], captureIo())).toBe(0);
    }
    const down = join(msgs, 'down.eml');
    writeFileSync(down, message(20, 59, true));
    const io = captureIo();
    await runCli(['headers', down, '--history-dir', dir], io);
    expect(io.stdout()).toMatch(/⚠ This message from amazon\.com arrived without encryption/);

    const list = captureIo();
    await runCli(['history', '--history-dir', dir, 'list'], list);
    expect(list.stdout()).toMatch(
      /amazon\.com +7 msgs {2}2023-10-02 … 2023-10-20 {2}TLSv1\.2\/cleartext {2}via amazonses\.com/,
    );
    const exported = captureIo();
    await runCli(['history', '--history-dir', dir, 'export'], exported);
    expect(exported.stdout()).not.toMatch(/@|54\.240/);
    const copy = mkdtempSync(join(tmpdir(), 'mailseal-import-'));
    writeFileSync(join(copy, 'export.json'), exported.stdout());
    const imported = captureIo();
    await runCli(['history', '--history-dir', copy, 'import', join(copy, 'export.json')], imported);
    expect(imported.stdout()).toBe('imported 1 sender profile(s)\n');
    await runCli(['history', '--history-dir', dir, 'forget', 'amazon.com'], captureIo());
    const empty = captureIo();
    await runCli(['history', '--history-dir', dir, 'list'], empty);
    expect(empty.stdout()).toMatch(/no sender profiles/);
  });
});
