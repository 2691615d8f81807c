// Structured results shared by every check. "Could not test" (temperror) is never "insecure".
import { english, type Text } from './score/text.ts';

export type CheckStatus = 'pass' | 'fail' | 'none' | 'temperror' | 'permerror';

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export interface Finding {
  /** Stable machine-readable code, e.g. `spf.too-many-lookups`. */
  code: string;
  severity: Severity;
  message: string;
  /** What was observed, quoted from the record or the wire. */
  evidence?: string;
  /** What an admin can do about it. */
  fix?: string;
  /** `message` as a message key to translate: every finding is worded from the catalogue. */
  text: Text;
  /** `fix` as a message key to translate. */
  fixText?: Text;
}

export interface CheckOutcome<TDetails = undefined> {
  check: string;
  status: CheckStatus;
  findings: Finding[];
  /** Raw records or transcript lines the verdict was based on. */
  records: string[];
  details?: TDetails;
}

/** A finding worded once, as a message key: `message` and `fix` are its English (JSON, CLI). */
export function wordedFinding(
  code: string,
  severity: Severity,
  words: Text,
  extra: { evidence?: string; fix?: Text } = {},
): Finding {
  const { evidence, fix } = extra;
  return {
    code,
    severity,
    message: english(words),
    text: words,
    ...(evidence !== undefined ? { evidence } : {}),
    ...(fix ? { fix: english(fix), fixText: fix } : {}),
  };
}

/** True when the status means "we could not find out", as opposed to a verdict. */
export function isUntested(status: CheckStatus): boolean {
  return status === 'temperror';
}
