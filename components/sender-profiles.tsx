// Options: the sender profiles behind downgrade alerts (docs/downgrade-alerts.md). A table per
// sender with a small chart of how its last messages arrived, and the user's controls: forget
// one sender or all, export and import as JSON. Everything shown is a domain, a day or an enum.
import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '../lib/messaging/say.ts';
import type { ProfileObservation, SenderProfile, StoredProfiles } from '../lib/profile/index.ts';
import { dayText } from '../lib/profile/index.ts';

export interface SenderProfilesDeps {
  t: Translate;
  list: () => Promise<SenderProfile[]>;
  forget: (sender: string) => Promise<void>;
  clear: () => Promise<void>;
  exportAll: () => Promise<StoredProfiles>;
  importAll: (data: unknown) => Promise<number>;
  /** Offers the export as a file download. */
  download: (name: string, json: string) => void;
}

/** Bar height by transport: higher is better; colour and a text label say the same. */
const LEVEL: Record<ProfileObservation['tls'], number> = {
  'TLSv1.3': 4,
  'TLSv1.2': 3,
  tls: 3,
  'TLSv1.1': 2,
  'TLSv1.0': 2,
  SSLv3: 1,
  cleartext: 1,
  unknown: 0,
};

function HistoryChart({
  observations,
  label,
}: {
  observations: ProfileObservation[];
  label: string;
}) {
  const width = 8 * observations.length;
  return (
    <svg
      class="profile-chart"
      width={width}
      height={20}
      viewBox={`0 0 ${width} 20`}
      role="img"
      aria-label={label}
    >
      {observations.map((o, i) => {
        const h = 4 + LEVEL[o.tls] * 4;
        const tone = LEVEL[o.tls] >= 3 ? 'good' : LEVEL[o.tls] === 0 ? 'unknown' : 'bad';
        return <rect key={o.id} class={`bar-${tone}`} x={i * 8} y={20 - h} width={6} height={h} />;
      })}
    </svg>
  );
}

function summary(p: SenderProfile) {
  const distinct = (pick: (o: ProfileObservation) => string | null) =>
    [...new Set(p.observations.map(pick).filter((v): v is string => v !== null))].join(', ');
  return {
    span: `${dayText(p.observations[0]?.day ?? 0)} – ${dayText(p.observations.at(-1)?.day ?? 0)}`,
    tls: distinct((o) => o.tls),
    signers: distinct((o) => (o.signers.length === 0 ? null : o.signers.map((s) => s.d).join(' '))),
    providers: distinct((o) => o.provider),
  };
}

export function SenderProfiles({ deps }: { deps: SenderProfilesDeps }) {
  const { t } = deps;
  const [profiles, setProfiles] = useState<SenderProfile[] | null>(null);
  const [status, setStatus] = useState('');
  const reload = () => void deps.list().then(setProfiles);
  useEffect(reload, [deps]);
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      setStatus(t('profilesImported', String(await deps.importAll(JSON.parse(await file.text())))));
    } catch {
      setStatus(t('profilesImportFailed'));
    }
    reload();
  };
  return (
    <section aria-labelledby="profiles-title" class="profiles">
      <h2 id="profiles-title">{t('profilesTitle')}</h2>
      <p>{t('profilesIntro')}</p>
      {profiles === null ? null : profiles.length === 0 ? (
        <p>{t('profilesEmpty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('profilesSender')}</th>
              <th scope="col">{t('profilesMessages')}</th>
              <th scope="col">{t('profilesTransport')}</th>
              <th scope="col">{t('profilesSigners')}</th>
              <th scope="col">{t('profilesProviders')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('profilesForget')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {profiles.map((p) => {
              const s = summary(p);
              return (
                <tr key={p.sender}>
                  <th scope="row">{p.sender}</th>
                  <td>
                    {p.observations.length}
                    <br />
                    <small>{s.span}</small>
                  </td>
                  <td>
                    <HistoryChart observations={p.observations} label={s.tls} />
                    <br />
                    <small>{s.tls}</small>
                  </td>
                  <td>{s.signers}</td>
                  <td>{s.providers}</td>
                  <td>
                    <button type="button" onClick={() => void deps.forget(p.sender).then(reload)}>
                      {t('profilesForget')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p>
        <button
          type="button"
          onClick={() =>
            void deps
              .clear()
              .then(reload)
              .then(() => setStatus(t('profilesCleared')))
          }
        >
          {t('profilesForgetAll')}
        </button>{' '}
        <button
          type="button"
          onClick={() =>
            void deps
              .exportAll()
              .then((data) => deps.download('mailseal-sender-profiles.json', JSON.stringify(data)))
          }
        >
          {t('profilesExport')}
        </button>{' '}
        <label>
          {t('profilesImport')}{' '}
          <input
            type="file"
            accept="application/json,.json"
            onChange={(e) => void importFile(e.currentTarget.files?.[0])}
          />
        </label>{' '}
        <output aria-live="polite">{status}</output>
      </p>
    </section>
  );
}
