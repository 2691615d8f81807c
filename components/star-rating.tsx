// MECSA stars drawn as SVG: no glyph depends on a font (a half-star glyph renders as an empty
// box on fonts without it). A row that cannot be rated draws no stars at all, only words.

import type { Translate } from '../lib/messaging/say.ts';
import { Glyph } from './glyph.tsx';

const STAR = 'M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z';

function Star({ fill, id }: { fill: 'full' | 'half' | 'empty'; id: string }) {
  return (
    <Glyph class="star">
      {fill === 'half' && (
        <defs>
          <clipPath id={id}>
            <rect x="0" y="0" width="12" height="24" />
          </clipPath>
        </defs>
      )}
      <path d={STAR} fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round" />
      {fill !== 'empty' && (
        <path
          d={STAR}
          fill="currentColor"
          {...(fill === 'half' ? { 'clip-path': `url(#${id})` } : {})}
        />
      )}
    </Glyph>
  );
}

let nextId = 0;

export function StarRating({ stars, t }: { stars: number | null; t: Translate }) {
  if (stars === null)
    return (
      <span class="stars not-rated" data-testid="stars-not-rated">
        {t('popupNotRated')}
      </span>
    );
  const base = `ms-half-${nextId++}`;
  const label = t('popupStarsValue', String(stars));
  return (
    <span class="stars" role="img" aria-label={label} data-stars={String(stars)}>
      {Array.from({ length: 5 }, (_, i) => (
        <Star
          key={i}
          id={`${base}-${i}`}
          fill={stars >= i + 1 ? 'full' : stars >= i + 0.5 ? 'half' : 'empty'}
        />
      ))}
      <span class="stars-number" aria-hidden="true">
        {String(stars)}
      </span>
    </span>
  );
}
