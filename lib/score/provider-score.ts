// MECSA's three categories for one provider, inbound, outbound and pooled.
import { CATEGORIES, type Category, PROTOCOLS, type Protocol } from './mecsa-tables.ts';
import {
  type ChannelSupport,
  type ProviderEvidence,
  providerSupport,
} from './provider-evidence.ts';
import { type CategoryScore, rateCategory, type SupportMap } from './star-rating.ts';

export type Channel = 'inbound' | 'outbound' | 'combined';

export interface ChannelScore {
  channel: Channel;
  support: ChannelSupport;
  categories: Readonly<Record<Category, CategoryScore>>;
}

export interface ProviderScore {
  domain: string;
  inbound: ChannelScore;
  outbound: ChannelScore;
  combined: ChannelScore;
  /** MECSA's "recommended minimum": at least 3.5 stars in every category (pooled channel). */
  meetsMinimum: boolean | null;
}

export const MINIMUM_STARS = 3.5;

function scoreChannel(channel: Channel, support: ChannelSupport): ChannelScore {
  const statuses = Object.fromEntries(PROTOCOLS.map((p) => [p, support[p].status])) as Record<
    Protocol,
    SupportMap[Protocol]
  >;
  const categories = Object.fromEntries(
    CATEGORIES.map((c) => [c, rateCategory(c, statuses)]),
  ) as Record<Category, CategoryScore>;
  return { channel, support, categories };
}

export function scoreProvider(evidence: ProviderEvidence): ProviderScore {
  const s = providerSupport(evidence);
  const combined = scoreChannel('combined', s.combined);
  const cats = CATEGORIES.map((c) => combined.categories[c]);
  const meetsMinimum = cats.every((c) => c.lowest >= MINIMUM_STARS)
    ? true
    : cats.some((c) => c.highest < MINIMUM_STARS)
      ? false
      : null;
  return {
    domain: evidence.domain,
    inbound: scoreChannel('inbound', s.inbound),
    outbound: scoreChannel('outbound', s.outbound),
    combined,
    meetsMinimum,
  };
}
