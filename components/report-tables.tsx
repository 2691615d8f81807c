// The standards table for both providers, the threat matrix, and the admin view.

import type {
  DnssecLabel,
  MessageReport,
  StandardCell,
  ThreatCell,
} from '../lib/messaging/report.ts';
import { say, type Translate } from '../lib/messaging/say.ts';
import { text } from '../lib/score/text.ts';

const STATUS_KEYS: Record<StandardCell['status'], string> = {
  present: 'statusPresent',
  absent: 'statusAbsent',
  fails: 'statusFails',
  unknown: 'statusUnknown',
  'not-checked': 'statusNotChecked',
  checking: 'statusChecking',
};
const STATUS_MARK: Record<StandardCell['status'], string> = {
  present: '✓',
  absent: '–',
  fails: '✗',
  unknown: '?',
  'not-checked': '·',
  checking: '…',
};

/** The state in words, and its detail as visible text (never only a hover title). */
function Cell({ cell, t }: { cell: StandardCell; t: Translate }) {
  return (
    <td class={`status-${cell.status}`}>
      <span aria-hidden="true">{STATUS_MARK[cell.status]} </span>
      {t(STATUS_KEYS[cell.status])}
      {cell.detail && <span class="detail">{say(t, cell.detail)}</span>}
      {cell.dnssec && (
        <span
          class="dnssec-label"
          data-testid="dnssec-label"
          data-source={cell.dnssec.source}
          data-fallback={String(cell.dnssec.fallback)}
        >
          {cell.dnssec.integrity && `${say(t, cell.dnssec.integrity)} · `}
          {cell.dnssec.fallback
            ? t(FALLBACK_CELL_KEYS[cell.dnssec.source])
            : say(t, cell.dnssec.text)}
        </span>
      )}
    </td>
  );
}

/**
 * A fallback's reason is long ("local validation did not complete: …"). In a 320 px popup it is
 * said once under the table; its cells only say "fallback, see below".
 */
const FALLBACK_CELL_KEYS: Record<DnssecLabel['source'], string> = {
  'validated-locally': 'dnssec_validated_locally',
  'resolver-ad-flag': 'dnssec_resolver_fallback_cell',
  mixed: 'dnssec_mixed_fallback_cell',
};

function fallbackNotes(report: MessageReport, t: Translate): string[] {
  const cells = report.standards.flatMap((row) => [row.sender, row.recipient]);
  const notes = cells.flatMap((cell) => (cell.dnssec?.fallback ? [say(t, cell.dnssec.text)] : []));
  return [...new Set(notes)];
}

export function StandardsTable({ report, t }: { report: MessageReport; t: Translate }) {
  const notes = fallbackNotes(report, t);
  return (
    <>
      <StandardsRows report={report} t={t} />
      {notes.map((note) => (
        <p class="dnssec-fallback-note" data-testid="dnssec-fallback-note" key={note}>
          {note}
        </p>
      ))}
    </>
  );
}

function StandardsRows({ report, t }: { report: MessageReport; t: Translate }) {
  return (
    <table class="standards" data-testid="standards">
      <thead>
        <tr>
          <th scope="col">{t('popupStandard')}</th>
          <th scope="col">{t('popupSender')}</th>
          <th scope="col">{t('popupRecipient')}</th>
        </tr>
      </thead>
      <tbody>
        {report.standards.map((row) => (
          <tr key={row.standard}>
            <th scope="row">{row.label ? say(t, row.label) : row.standard}</th>
            <Cell cell={row.sender} t={t} />
            <Cell cell={row.recipient} t={t} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const ATTACKER_KEYS: Record<ThreatCell['attacker'], string> = {
  passive: 'attackerPassive',
  active: 'attackerActive',
  'forging-peer': 'attackerForgingPeer',
};
const PROPERTY_KEYS: Record<ThreatCell['property'], string> = {
  confidentiality: 'propertyConfidentiality',
  authenticity: 'propertyAuthenticity',
  integrity: 'propertyIntegrity',
};
const THREAT_MARK = { yes: '✓', no: '✗', unknown: '?', 'n/a': '' } as const;

export function ThreatMatrixTable({ threats, t }: { threats: ThreatCell[]; t: Translate }) {
  const attackers = [...new Set(threats.map((c) => c.attacker))];
  const properties = [...new Set(threats.map((c) => c.property))];
  return (
    <table class="threats" data-testid="threat-matrix">
      <thead>
        <tr>
          <th scope="col">{t('popupAttacker')}</th>
          {properties.map((p) => (
            <th scope="col" key={p}>
              {t(PROPERTY_KEYS[p])}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {attackers.map((attacker) => (
          <tr key={attacker}>
            <th scope="row">{t(ATTACKER_KEYS[attacker])}</th>
            {properties.map((property) => {
              const cell = threats.find((c) => c.attacker === attacker && c.property === property);
              const state = cell?.protectedAgainst ?? 'unknown';
              const word =
                state === 'n/a'
                  ? t('triNotApplicable')
                  : t(state === 'yes' ? 'triYes' : state === 'no' ? 'triNo' : 'triUnknown');
              return (
                <td key={property} class={`threat-${state}`}>
                  <span aria-hidden="true">{THREAT_MARK[state]} </span>
                  {word}
                  {cell && state !== 'n/a' && <span class="detail">{say(t, cell.text)}</span>}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The first of each kind: a provider that is both sender and recipient is listed once. */
function unique<T>(items: readonly T[], id: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = id(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const MX_TRI_KEYS = { yes: 'mx_yes', no: 'mx_no', unknown: 'mx_unknown' } as const;

/**
 * One block per MX host, its facts as label and value pairs: a five-column table does not fit
 * 320 px (the strict senders' verdicts wrapped one word per line).
 */
function MxHosts({ mx, t }: { mx: MessageReport['admin']['mx']; t: Translate }) {
  return (
    <div class="mx-hosts" data-testid="mx-hosts">
      {unique(mx, (row) => JSON.stringify(row)).map((row) => (
        <section class="mx-host" key={row.host}>
          <h4>{row.host}</h4>
          <dl>
            <dt>STARTTLS</dt>
            <dd>{say(t, text(MX_TRI_KEYS[row.starttls]))}</dd>
            <dt>{t('popupMxCertificate')}</dt>
            <dd>{say(t, row.certificate)}</dd>
            <dt>DANE</dt>
            <dd>{say(t, row.dane)}</dd>
            <dt>MTA-STS</dt>
            <dd>{say(t, row.mtaSts)}</dd>
            <dt>{t('popupMxDaneSender')}</dt>
            <dd>{say(t, row.strictSenders.dane)}</dd>
            <dt>{t('popupMxMtaStsSender')}</dt>
            <dd>{say(t, row.strictSenders.mtaSts)}</dd>
            <dt>{t('popupMxOpportunisticSender')}</dt>
            <dd>{say(t, row.strictSenders.opportunistic)}</dd>
          </dl>
        </section>
      ))}
    </div>
  );
}

export function AdminView({ report, t }: { report: MessageReport; t: Translate }) {
  const { findings, mx } = report.admin;
  return (
    <div class="admin" data-testid="admin-view">
      {report.problems.length > 0 && (
        <>
          <h3>{t('popupProblems')}</h3>
          <ul class="problems">
            {report.problems.map((problem, index) => (
              <li key={`${problem.key}-${index}`}>{say(t, problem)}</li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('popupMx')}</h3>
      {mx.length === 0 ? <p>{t('statusUnknown')}</p> : <MxHosts mx={mx} t={t} />}
      <h3>{t('popupFindings')}</h3>
      {findings.length === 0 ? (
        <p>{t('popupNoFindings')}</p>
      ) : (
        <ul class="findings">
          {unique(findings, (f) => `${f.code}|${f.message}`).map((f, index) => (
            <li key={`${f.code}-${index}`} class={`severity-${f.severity}`}>
              <code>{f.code}</code> {f.text ? say(t, f.text) : f.message}
              {(f.fixText || f.fix) && (
                <div class="fix">{f.fixText ? say(t, f.fixText) : f.fix}</div>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
