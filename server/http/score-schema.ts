// JSON Schema of `scores` in a DomainAssessment: lib/score's ProviderScore (MECSA's three
// categories in half stars, per channel). Inner objects stay open so the serialiser keeps every
// field lib/score adds; the fields named here are the stable ones.

const categoryScore = {
  type: 'object',
  additionalProperties: true,
  required: ['category', 'stars', 'lowest', 'highest'],
  properties: {
    category: { type: 'string', enum: ['confidentiality', 'phishing', 'integrity'] },
    stars: {
      type: ['number', 'null'],
      description: '0–5 in half stars; null when untested protocols leave the level open.',
    },
    lowest: { type: 'number' },
    highest: { type: 'number' },
    row: { type: ['string', 'null'], description: 'The MECSA table row that decided.' },
    unknown: { type: 'array', items: { type: 'string' } },
    deductions: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
} as const;

const channelScore = (description: string) =>
  ({
    type: 'object',
    additionalProperties: true,
    description,
    required: ['channel', 'support', 'categories'],
    properties: {
      channel: { type: 'string', enum: ['inbound', 'outbound', 'combined'] },
      support: {
        type: 'object',
        additionalProperties: true,
        description: 'Per protocol: supported / unsupported / unknown, with the tests behind it.',
      },
      categories: {
        type: 'object',
        additionalProperties: true,
        required: ['confidentiality', 'phishing', 'integrity'],
        properties: {
          confidentiality: categoryScore,
          phishing: categoryScore,
          integrity: categoryScore,
        },
      },
    },
  }) as const;

export const scoresSchema = {
  type: ['object', 'null'],
  additionalProperties: true,
  description:
    'Provider score from lib/score (MECSA categories). `inbound` rests on the probe and DNS; ' +
    '`outbound` has no observed messages here, so it is mostly unknown. Null when neither the ' +
    'probe nor the DNS posture could be produced.',
  required: ['domain', 'inbound', 'outbound', 'combined', 'meetsMinimum'],
  properties: {
    domain: { type: 'string' },
    inbound: channelScore('Receiving side: STARTTLS, certificates, DANE, MTA-STS of every MX.'),
    outbound: channelScore('Sending side: needs observed messages; unknown in the service.'),
    combined: channelScore('Both channels pooled, as MECSA rates a provider.'),
    meetsMinimum: {
      type: ['boolean', 'null'],
      description: "MECSA's recommended minimum: ≥ 3.5 stars in every category.",
    },
  },
} as const;
