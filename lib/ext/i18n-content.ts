// Translation for the content scripts, which run in every webmail page: their fallback is only
// the English words the padlock and its panel can show (content-catalogue.json, generated from
// the catalogue by scripts/content-catalogue.ts), not the whole catalogue.

import contentMessages from './content-catalogue.json';
import { createTranslator } from './translator.ts';

export const { t } = createTranslator(contentMessages);
