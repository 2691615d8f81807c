// The mail-flow driver (issue 21): sends each message of messages.ts through the lab's real
// Postfix paths (test/lab/webmail/postfix-paths.ts) to carol@allgood.lab and waits until Dovecot
// has it. Real MTAs write every Received line; the recipient's OpenDKIM and OpenDMARC write the
// Authentication-Results. The driver only writes the message itself, and signs it (mailauth)
// where the scenario says so, as a sender's own MTA would.
//
//   node test/lab/mailflow/driver.ts   (lab running) prints what the lab did for each message.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dkimSign } from 'mailauth';
import { type LabInfo, requireLab, requireWebmail } from '../lab-info.ts';
import { sleep } from '../lib/process.ts';
import { statePath } from '../lib/state.ts';
import { RECIPIENT_DOMAIN } from '../webmail/addresses.ts';
import { dovecotMailDir, dropQueuedLabMail, expungeMailboxes } from '../webmail/dovecot.ts';
import type { WebmailInfo } from '../webmail/start-webmail.ts';
import { FLOW_MESSAGES, type FlowMessage, pathAddress } from './messages.ts';
import { type LoggedDelivery, traceMessage } from './postfix-log.ts';
import { submit } from './smtp-client.ts';

export interface SentMessage {
  readonly message: FlowMessage;
  readonly messageId: string;
  readonly delivery: LoggedDelivery;
}

function compose(m: FlowMessage, messageId: string, date: Date): string {
  return [
    `From: ${m.from}`,
    `To: ${m.to}`,
    `Subject: ${m.subject}`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${messageId}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    m.about,
    '',
  ].join('\r\n');
}

async function sign(raw: string, webmail: WebmailInfo): Promise<string> {
  const key = {
    signingDomain: webmail.senderDomain,
    selector: webmail.dkim.selector,
    privateKey: readFileSync(webmail.dkim.privateKeyPath, 'utf8'),
    algorithm: 'rsa-sha256',
    canonicalization: 'relaxed/relaxed',
  };
  // mailauth's signer reads the keys from signatureData (lib/dkim/dkim-signer.js).
  const result = await dkimSign(raw, { ...key, signatureData: [key] });
  if (result.errors?.length || !result.signatures) {
    throw new Error(`dkim: no signature (${JSON.stringify(result.errors)})`);
  }
  return result.signatures + raw;
}

const postfixLog = () => readFileSync(statePath('postfix', 'postfix.log'), 'utf8');

/** Empties the lab mailboxes, sends every flow message, and waits for each to reach Dovecot. */
export async function runMailFlow(lab: LabInfo, timeoutMs = 60_000): Promise<SentMessage[]> {
  const webmail = requireWebmail(lab);
  dropQueuedLabMail();
  expungeMailboxes();
  const queued: { message: FlowMessage; messageId: string; queueId: string }[] = [];
  const stamp = Date.now();
  for (const message of FLOW_MESSAGES) {
    const messageId = `mailflow-secret-${message.id}-${stamp}@${webmail.senderDomain}`;
    const raw = compose(message, messageId, new Date());
    const queueId = await submit({
      host: pathAddress(message.path),
      port: 25,
      helo: 'workstation.mailflow.lab',
      mailFrom: message.mailFrom,
      rcptTo: message.to.replace(/^.*<|>$/g, ''),
      message: message.dkimSigned ? await sign(raw, webmail) : raw,
      caPem: lab.caCertPem,
      servername: 'smtp.mailflow.lab',
    });
    queued.push({ message, messageId, queueId });
  }
  const end = Date.now() + timeoutMs;
  for (;;) {
    const log = postfixLog();
    const sent = queued.map((q) => ({ ...q, delivery: traceMessage(log, q.queueId) }));
    if (sent.every((s) => s.delivery.delivered)) return sent;
    if (Date.now() > end) {
      const stuck = sent.filter((s) => !s.delivery.delivered).map((s) => s.message.id);
      throw new Error(
        `mail flow: not delivered in ${timeoutMs / 1000} s: ${stuck.join(', ')} (see ${statePath('postfix', 'postfix.log')})`,
      );
    }
    await sleep(250);
  }
}

/** The header block Dovecot stored for a message (maildir new/ or cur/), found by Message-ID. */
export function storedHeaderBlock(messageId: string): string {
  const box = join(dovecotMailDir(), RECIPIENT_DOMAIN, 'carol');
  for (const sub of ['new', 'cur']) {
    const dir = join(box, sub);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const raw = readFileSync(join(dir, name), 'utf8');
      const end = raw.search(/\r?\n\r?\n/);
      const block = end < 0 ? raw : raw.slice(0, end);
      if (block.includes(`<${messageId}>`)) return `${block}\n`;
    }
  }
  throw new Error(`mail flow: ${messageId} is not in carol's maildir`);
}

if (import.meta.filename === process.argv[1]) {
  const sent = await runMailFlow(requireLab());
  const record = process.argv.indexOf('--record');
  const dir = record > 0 ? process.argv[record + 1] : undefined;
  for (const s of sent) {
    const hops = s.delivery.hops.map((h) => `${h.client ?? '?'} ${h.tls ?? 'cleartext'}`);
    console.log(`${s.message.id.padEnd(14)} ${hops.join(' -> ')}`);
    if (dir) writeFileSync(join(dir, `${s.message.id}.txt`), storedHeaderBlock(s.messageId));
  }
}
