// The trust anchor validation starts from. The default is the DNS root's, as IANA publishes it
// at https://data.iana.org/root-anchors/root-anchors.xml (KSK-2017, key tag 20326, and
// KSK-2024, key tag 38696; both RSA/SHA-256 with SHA-256 digests). The update procedure is in
// docs/dns-checks.md ("Trust anchor"); test/unit/dns/dnssec/primitives.test.ts pins these.
import { type Name, parseName, ROOT } from './names.ts';
import type { Ds } from './records.ts';

export interface TrustAnchor {
  zone: Name;
  ds: readonly Ds[];
  /** DNSKEY RDATA trusted as is (the lab publishes its KSK this way, like unbound's ta.key). */
  keys?: readonly Uint8Array[];
}

export interface DsText {
  keyTag: number;
  algorithm: number;
  digestType: number;
  /** Hex, either case. */
  digest: string;
}

export const ROOT_ANCHOR_DS: readonly DsText[] = [
  {
    keyTag: 20326,
    algorithm: 8,
    digestType: 2,
    digest: 'E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D',
  },
  {
    keyTag: 38696,
    algorithm: 8,
    digestType: 2,
    digest: '683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16',
  },
];

function hexBytes(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})+$/.test(clean)) throw new Error(`bad hex digest ${hex}`);
  return Uint8Array.from(clean.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
}

export function trustAnchor(zone: string, ds: readonly DsText[]): TrustAnchor {
  return {
    zone: zone === '.' ? ROOT : parseName(zone),
    ds: ds.map((d) => ({
      keyTag: d.keyTag,
      algorithm: d.algorithm,
      digestType: d.digestType,
      digest: hexBytes(d.digest),
    })),
  };
}

export const ROOT_TRUST_ANCHOR: TrustAnchor = trustAnchor('.', ROOT_ANCHOR_DS);

function base64Bytes(text: string): Uint8Array {
  const binary = atob(text.replace(/\s+/g, ''));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

const DS_LINE =
  /^\s*(\S+)\s+(?:\d+\s+)?(?:IN\s+)?DS\s+(\d+)\s+(\d+)\s+(\d+)\s+([0-9a-fA-F\s]+?)\s*$/;
const DNSKEY_LINE =
  /^\s*(\S+)\s+(?:\d+\s+)?(?:IN\s+)?DNSKEY\s+(\d+)\s+(\d+)\s+(\d+)\s+([A-Za-z0-9+/=\s]+?)\s*$/;

/**
 * Reads trust anchors in zone-file form, DS or DNSKEY lines ("lab. 3600 IN DNSKEY 257 3 13 …"),
 * as unbound's trust-anchor-file holds them (the lab writes its KSK there).
 */
export function parseAnchorText(text: string): TrustAnchor | undefined {
  let zone: string | undefined;
  const ds: DsText[] = [];
  const keys: Uint8Array[] = [];
  for (const line of text.split('\n')) {
    const d = DS_LINE.exec(line);
    if (d) {
      zone ??= d[1] as string;
      ds.push({
        keyTag: Number(d[2]),
        algorithm: Number(d[3]),
        digestType: Number(d[4]),
        digest: d[5] as string,
      });
      continue;
    }
    const k = DNSKEY_LINE.exec(line);
    if (!k) continue;
    zone ??= k[1] as string;
    const key = base64Bytes(k[5] as string);
    const rdata = new Uint8Array(4 + key.length);
    rdata.set([(Number(k[2]) >> 8) & 0xff, Number(k[2]) & 0xff, Number(k[3]), Number(k[4])]);
    rdata.set(key, 4);
    keys.push(rdata);
  }
  if (!zone || ds.length + keys.length === 0) return undefined;
  return { ...trustAnchor(zone, ds), keys };
}
