// Raw messages between lab scenario domains, as Gmail's "show original" would serve them: one
// TLS 1.3 handoff recorded by the recipient's MX, authentication results, and personal details
// (local parts, subject, message id) that must never leave the browser.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SECRETS = ['alice', 'lab-secret-subject', 'lab-secret-id', 'mailbox-owner'];

/**
 * A message from `sender` to a mailbox at `recipient` hosted by Gmail (a Workspace domain), in
 * Gmail's own layout: the handoff into mx.google.com over TLS 1.3, Gmail's authentication results
 * directly below it.
 */
export function labMessage(sender: string, recipient: string): string {
  return [
    `Delivered-To: mailbox-owner@${recipient}`,
    'Received: by 2002:a05:6a10:1::1 with SMTP id x1csp1; Tue, 3 Mar 2026 10:00:02 -0800 (PST)',
    `Received: from out.${sender} (out.${sender}. [192.0.2.25]) by mx.google.com with ESMTPS id a1si1 for <mailbox-owner@${recipient}> (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256); Tue, 03 Mar 2026 10:00:01 -0800 (PST)`,
    `Received-SPF: pass (google.com: domain of alice@${sender} designates 192.0.2.25 as permitted sender) client-ip=192.0.2.25;`,
    `Authentication-Results: mx.google.com; dkim=pass header.i=@${sender} header.s=s1 header.b=abc; spf=pass (google.com: domain of alice@${sender} designates 192.0.2.25 as permitted sender) smtp.mailfrom=alice@${sender}; dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=${sender}`,
    `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${sender}; s=s1; h=from:to:subject; bh=abc=; b=def=`,
    `From: Alice <alice@${sender}>`,
    `To: mailbox-owner@${recipient}`,
    'Subject: lab-secret-subject',
    `Message-ID: <lab-secret-id@${sender}>`,
    'Date: Tue, 3 Mar 2026 10:00:00 -0800',
    '',
    'body',
    '',
  ].join('\n');
}

/** Writes the message to `dir` and returns its path (serveGmailThread takes absolute paths). */
export async function writeLabMessage(
  dir: string,
  sender: string,
  recipient: string,
): Promise<string> {
  const path = join(dir, `${sender}-to-${recipient}.eml.txt`);
  await writeFile(path, labMessage(sender, recipient));
  return path;
}
