// The DNSSEC validation setting: local validation from the root trust anchor (the default), or
// the resolver's AD flag as a labelled fallback for resolvers that strip DNSSEC records.
import type { Translate } from '../lib/messaging/say.ts';
import type { Settings } from '../lib/settings/settings.ts';

type Mode = Settings['dnssecValidation'];

const LABEL_KEYS: Record<Mode, string> = {
  local: 'optionsDnssecLocal',
  resolver: 'optionsDnssecResolver',
};

export function DnssecMode({
  value,
  onChange,
  t,
}: {
  value: Mode;
  onChange: (mode: Mode) => void;
  t: Translate;
}) {
  return (
    <fieldset data-testid="dnssec-mode">
      <legend>{t('optionsDnssec')}</legend>
      {(Object.keys(LABEL_KEYS) as Mode[]).map((mode) => (
        <label key={mode}>
          <input
            type="radio"
            name="dnssec-validation"
            value={mode}
            checked={value === mode}
            onChange={() => onChange(mode)}
          />{' '}
          {t(LABEL_KEYS[mode])}
        </label>
      ))}
    </fieldset>
  );
}
