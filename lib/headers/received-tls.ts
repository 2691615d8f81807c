// TLS evidence in a Received header: every comment form MTAs write (Postfix, Exim, Gmail,
// Microsoft, Sendmail, Courier, OpenSMTPD, Mimecast …); docs/headers.md lists each form.

import type { TlsVersion } from '../tls/index.ts';
import { minimumTlsVersion, normalizeTlsVersion } from '../tls/index.ts';
import type { EncryptionEvidenceKind } from './message-facts.ts';

const EVIDENCE_CHARS = 160;

export interface TlsFinding {
  kind: EncryptionEvidenceKind;
  text: string;
  version: TlsVersion | null;
  cipherRaw: string | null;
  bits: number | null;
}

/**
 * Matches unless `s.replace(/\s+/g, ' ').trim()` would return `s` itself (single spaces inside
 * only). One native scan: a char-code loop cost twice as much on long TLS comments.
 */
const UNTIDY = /^\s|\s$|[^\S ]| {2}/;

export function clip(s: string): string {
  const t = UNTIDY.test(s) ? s.replace(/\s+/g, ' ').trim() : s;
  return t.length > EVIDENCE_CHARS ? `${t.slice(0, EVIDENCE_CHARS - 1)}…` : t;
}

const POSTFIX_RE = /^\s*using\s+(\S+)\s+with\s+cipher\s+([^\s()]+)(?:\s*\((\d+)\/(\d+)\s*bits\))?/i;
const KV_VERSION_RE = /(?:^|[\s,(])version=([^\s,;)]+)/i;
const KV_CIPHER_RE = /(?:^|[\s,(])cipher=([^\s,;)]+)/i;
const KV_BITS_RE = /(?:^|[\s,(])bits=(\d+)/i;
const COURIER_RE = /\bTLS:\s*([^,]+?)\s*,\s*(\d+)\s*bits\s*,\s*([^\s,)]+)/i;
const TUPLE_RE = /(?:^|[\s(])((?:TLS|SSL)[\w.-]*):([A-Za-z0-9_-]+):(\d+)/i;
const VERSION_ONLY_RE = /^\s*((?:TLS|SSL)v?[\s_-]?\d(?:[._]\d)?)\s*$/i;
const USING_TLS_RE =
  /^\s*(?:using\s+(?:TLS|SSL)\b|Google Transport Security\s*$|TLS(?:\s+encrypted)?\s*$|(?:TLS|SSL)\s+(?:secured|encrypted))/i;
const POSTFIX_CERT_RE =
  /^\s*(?:No client certificate requested|Client did not present a certificate|Client CN\s)/i;

/** A version as written, or the lower bound the cipher implies for OpenSSL's `TLSv1/SSLv3` label. */
function versionOf(raw: string | undefined, cipher: string | null | undefined): TlsVersion | null {
  const v = normalizeTlsVersion(raw);
  if (v !== null) return v;
  return raw !== undefined && /SSLv3/i.test(raw) ? minimumTlsVersion(cipher) : null;
}

/** Cheap pre-check: every TLS comment form contains one of these words. */
const TLS_HINT = /tls|ssl|cipher|using|transport|client|secured|encrypted/i;

export function fromComment(comment: string): TlsFinding | null {
  if (!TLS_HINT.test(comment)) return null;
  let m = POSTFIX_RE.exec(comment);
  if (m) {
    return {
      kind: 'tls-comment',
      text: `(${clip(comment)})`,
      version: versionOf(m[1], m[2]),
      cipherRaw: m[2] ?? null,
      bits: m[3] === undefined ? null : Number(m[3]),
    };
  }
  const cipherKv = KV_CIPHER_RE.exec(comment);
  const versionKv = KV_VERSION_RE.exec(comment);
  if (cipherKv || (versionKv && /TLS|SSL/i.test(versionKv[1] ?? ''))) {
    const bits = KV_BITS_RE.exec(comment);
    return {
      kind: 'tls-comment',
      text: `(${clip(comment)})`,
      version: versionKv ? versionOf(versionKv[1], cipherKv?.[1]) : null,
      cipherRaw: cipherKv ? (cipherKv[1] ?? null) : null,
      bits: bits ? Number(bits[1]) : null,
    };
  }
  m = COURIER_RE.exec(comment);
  if (m) {
    return {
      kind: 'tls-comment',
      text: `(${clip(comment)})`,
      version: versionOf(m[1], m[3]),
      cipherRaw: m[3] ?? null,
      bits: Number(m[2]),
    };
  }
  m = TUPLE_RE.exec(comment);
  if (m) {
    return {
      kind: 'colon-tuple',
      text: `(${clip(comment)})`,
      version: normalizeTlsVersion(m[1]),
      cipherRaw: m[2] ?? null,
      bits: Number(m[3]),
    };
  }
  m = VERSION_ONLY_RE.exec(comment);
  if (m) {
    const version = normalizeTlsVersion(m[1]);
    if (version !== null) {
      return {
        kind: 'tls-version-comment',
        text: `(${clip(comment)})`,
        version,
        cipherRaw: null,
        bits: null,
      };
    }
  }
  if (USING_TLS_RE.test(comment)) {
    return {
      kind: 'using-tls',
      text: `(${clip(comment)})`,
      version: null,
      cipherRaw: null,
      bits: null,
    };
  }
  if (POSTFIX_CERT_RE.test(comment)) {
    return {
      kind: 'tls-comment',
      text: `(${clip(comment)})`,
      version: null,
      cipherRaw: null,
      bits: null,
    };
  }
  return null;
}

/** Merges findings: the first one that names a version or cipher wins, details are filled in. */
export function merge(a: TlsFinding | null, b: TlsFinding | null): TlsFinding | null {
  if (a === null) return b;
  if (b === null) return a;
  const aRich = a.version !== null || a.cipherRaw !== null;
  const bRich = b.version !== null || b.cipherRaw !== null;
  const base = !aRich && bRich ? b : a;
  const other = base === a ? b : a;
  return {
    kind: base.kind,
    text: base.text === other.text ? base.text : `${base.text} ${other.text}`,
    version: base.version ?? other.version,
    cipherRaw: base.cipherRaw ?? other.cipherRaw,
    bits: base.bits ?? other.bits,
  };
}
