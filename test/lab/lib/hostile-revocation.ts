// The lab's hostile OCSP responder and CRL distribution point (issue 14): one plain-HTTP server
// on a fixed loopback address answering each path with one of the hostile answers of
// adversarial/hostile-http-answers.ts. Certificates of the `hostile-revocation` profile name its
// URLs: OCSP on the 1 byte/s trickle, then one CRL distribution point per other answer.
import { HOSTILE_ANSWERS } from '../adversarial/hostile-http-answers.ts';

export const HOSTILE_REVOCATION_ADDRESS = '127.0.4.1';
export const HOSTILE_REVOCATION_PORT = 80;

const base = `http://${HOSTILE_REVOCATION_ADDRESS}`;

export const HOSTILE_OCSP_URL = `${base}/trickle/ocsp`;
export const HOSTILE_CRL_URLS: readonly string[] = HOSTILE_ANSWERS.filter(
  (answer) => answer !== 'trickle',
).map((answer) => `${base}/${answer}/ca.crl`);

/** openssl `-addext` values naming the hostile responder and distribution points. */
export function hostileRevocationExtensions(): string[] {
  return [
    '-addext',
    `authorityInfoAccess=OCSP;URI:${HOSTILE_OCSP_URL}`,
    '-addext',
    `crlDistributionPoints=${HOSTILE_CRL_URLS.map((url) => `URI:${url}`).join(',')}`,
  ];
}
