// The messages the mail-flow driver sends through the lab (issue 21), and what each one tests.
// Local parts, subjects and message ids are personal details: the privacy test checks that none
// of them leaves the browser.
import { OUTBOUND, RECIPIENT_DOMAIN, SENDER_DOMAIN, WEBMAIL_ADDR } from '../webmail/addresses.ts';

export type FlowPath = 'submitTls' | 'submitClear' | 'submitRelayed' | 'submitForged';

export interface FlowMessage {
  readonly id: string;
  readonly subject: string;
  readonly path: FlowPath;
  readonly mailFrom: string;
  readonly from: string;
  readonly to: string;
  /** Signed by the driver with mailflow.lab's rc2026 key before submission. */
  readonly dkimSigned: boolean;
  /** The address the recipient MX sees the last hop come from. */
  readonly handoffClient: string;
  readonly about: string;
}

const carol = `carol@${RECIPIENT_DOMAIN}`;
const alice = `Alice Sender <alice@${SENDER_DOMAIN}>`;

export const FLOW_MESSAGES: readonly FlowMessage[] = [
  {
    id: 'tls13-signed',
    subject: 'mailflow-secret tls13-signed',
    path: 'submitTls',
    mailFrom: `alice@${SENDER_DOMAIN}`,
    from: alice,
    to: carol,
    dkimSigned: true,
    handoffClient: OUTBOUND.tls,
    about:
      'From a DANE + MTA-STS domain, DKIM-signed, handed to the recipient MX over STARTTLS (TLS 1.3 required by the sending Postfix).',
  },
  {
    id: 'cleartext',
    subject: 'mailflow-secret cleartext',
    path: 'submitClear',
    mailFrom: `alice@${SENDER_DOMAIN}`,
    from: alice,
    to: carol,
    dkimSigned: true,
    handoffClient: OUTBOUND.clear,
    about: 'The same sender, but the sending Postfix is forced to cleartext (no STARTTLS).',
  },
  {
    id: 'relayed',
    subject: 'mailflow-secret relayed',
    path: 'submitRelayed',
    mailFrom: `alice@${SENDER_DOMAIN}`,
    from: alice,
    to: carol,
    dkimSigned: true,
    handoffClient: OUTBOUND.tls,
    about: 'Relayed through a second sending MTA (relay.mailflow.lab), then TLS 1.3 to the MX.',
  },
  {
    id: 'forged-from',
    subject: 'mailflow-secret forged-from',
    path: 'submitForged',
    mailFrom: 'bounce@forger.test',
    from: alice,
    to: carol,
    dkimSigned: false,
    handoffClient: OUTBOUND.forger,
    about:
      'A forged From (alice@mailflow.lab) from a host mailflow.lab does not authorise, unsigned: DMARC fails.',
  },
  {
    id: 'sent-by-you',
    subject: 'mailflow-secret sent-by-you',
    path: 'submitTls',
    mailFrom: carol,
    from: `Carol <${carol}>`,
    to: carol,
    dkimSigned: false,
    handoffClient: OUTBOUND.tls,
    about: 'A message from the mailbox owner to herself: the extension says "sent by you".',
  },
];

export const pathAddress = (path: FlowPath): string => WEBMAIL_ADDR[path];
