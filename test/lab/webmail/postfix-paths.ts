// The mail-flow paths through the lab's one Postfix (test/lab/lib/postfix.ts): extra master.cf
// listeners and transports. Each submission listener sends every message it accepts along one
// path (content_filter names the transport and next hop), so the path is chosen by the address
// the driver submits to, and every Received line on the way is written by Postfix itself.
//
//   submitTls     smtp.mailflow.lab  --mf-tls (192.0.2.25, TLS required, 1.3)-->  mx1.allgood.lab
//   submitClear   smtp.mailflow.lab  --mf-clear (192.0.2.26, no STARTTLS)----->  mx1.allgood.lab
//   submitRelayed smtp.mailflow.lab  --mf-relay--> relay.mailflow.lab --mf-tls-->  mx1.allgood.lab
//   submitForged  mail.forger.test   --mf-forged (192.0.2.66, TLS)------------>  mx1.allgood.lab
//   mx1.allgood.lab: OpenDKIM + OpenDMARC milters, then LMTP into Dovecot.
import type { IssuedCert } from '../lib/ca.ts';
import { OUTBOUND, RECIPIENT_MX_HOST, WEBMAIL_ADDR, WEBMAIL_PORTS } from './addresses.ts';

export interface MailflowCerts {
  readonly submission: IssuedCert;
  readonly relay: IssuedCert;
  readonly recipientMx: IssuedCert;
}

const RECIPIENT_NEXTHOP = `[${WEBMAIL_ADDR.recipientMx}]:25`;

const options = (o: readonly string[]) => o.map((x) => `  -o ${x}`).join('\n');

function smtpd(address: string, hostname: string, cert: IssuedCert, extra: readonly string[]) {
  return `${address}:25 inet n - n - - smtpd\n${options([
    `myhostname=${hostname}`,
    'smtpd_tls_security_level=may',
    `smtpd_tls_cert_file=${cert.chainPath}`,
    `smtpd_tls_key_file=${cert.keyPath}`,
    // The TLS details in Received (protocol, cipher) are what the extension reads per hop.
    'smtpd_tls_received_header=yes',
    // No reverse lookups: the system resolver knows nothing of the lab's addresses.
    'smtpd_peername_lookup=no',
    ...extra,
  ])}`;
}

function smtp(name: string, bind: string, helo: string, tls: readonly string[]): string {
  return `${name} unix - - n - - smtp\n${options([
    `smtp_bind_address=${bind}`,
    `smtp_helo_name=${helo}`,
    ...tls,
  ])}`;
}

const SUBMIT = 'smtpd_relay_restrictions=permit_mynetworks,reject';
const TLS13 = ['smtp_tls_security_level=encrypt', 'smtp_tls_mandatory_protocols=>=TLSv1.3'];

export function mailflowMasterLines(certs: MailflowCerts): string[] {
  const sub = (address: string, host: string, filter: string) =>
    smtpd(address, host, certs.submission, [SUBMIT, `content_filter=${filter}`]);
  return [
    sub(WEBMAIL_ADDR.submitTls, 'smtp.mailflow.lab', `mf-tls:${RECIPIENT_NEXTHOP}`),
    sub(WEBMAIL_ADDR.submitClear, 'smtp.mailflow.lab', `mf-clear:${RECIPIENT_NEXTHOP}`),
    sub(WEBMAIL_ADDR.submitRelayed, 'smtp.mailflow.lab', `mf-relay:[${WEBMAIL_ADDR.relay}]:25`),
    sub(WEBMAIL_ADDR.submitForged, 'mail.forger.test', `mf-forged:${RECIPIENT_NEXTHOP}`),
    smtpd(WEBMAIL_ADDR.relay, 'relay.mailflow.lab', certs.relay, [
      SUBMIT,
      `content_filter=mf-tls:${RECIPIENT_NEXTHOP}`,
    ]),
    smtpd(WEBMAIL_ADDR.recipientMx, 'mx1.allgood.lab', certs.recipientMx, [
      // The sender's outbound addresses may hand mail in; the content filter sends all of it
      // to Dovecot's LMTP, so this listener relays nowhere.
      `mynetworks=127.0.0.0/8,${OUTBOUND.tls},${OUTBOUND.clear},${OUTBOUND.forger}`,
      SUBMIT,
      `smtpd_milters=inet:${WEBMAIL_ADDR.opendkim}:${WEBMAIL_PORTS.opendkim},inet:${WEBMAIL_ADDR.opendmarc}:${WEBMAIL_PORTS.opendmarc}`,
      'milter_default_action=tempfail',
      `content_filter=mf-lmtp:inet:${WEBMAIL_ADDR.dovecot}:${WEBMAIL_PORTS.lmtp}`,
    ]),
    smtp('mf-tls', OUTBOUND.tls, 'out.mailflow.lab', TLS13),
    smtp('mf-clear', OUTBOUND.clear, 'out2.mailflow.lab', ['smtp_tls_security_level=none']),
    smtp('mf-relay', WEBMAIL_ADDR.submitRelayed, 'smtp.mailflow.lab', TLS13),
    smtp('mf-forged', OUTBOUND.forger, 'mail.forger.test', ['smtp_tls_security_level=may']),
    `mf-lmtp unix - - n - - lmtp\n${options([`lmtp_lhlo_name=${RECIPIENT_MX_HOST}`])}`,
  ];
}
