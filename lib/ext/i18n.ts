// Translation for the extension's own pages and its background: every key of the catalogue can
// be shown here, so the bundled English fallback is the whole catalogue (translator.ts says why
// there is a fallback at all).

import englishMessages from '../../public/_locales/en/messages.json';
import { createTranslator } from './translator.ts';

export { localeFolders, type Translate } from './translator.ts';

export const { t, loadReadersCatalogue, ready, onReadersCatalogue } =
  createTranslator(englishMessages);
