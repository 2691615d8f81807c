// The locale folders the extension ships (public/_locales/<folder>), English first. The reader's
// catalogue is looked for among them when the browser's i18n answers nothing (translator.ts);
// test/unit/ext/shipped-locales.test.ts fails when a folder is added or removed without this list.
export const SHIPPED_LOCALES: readonly string[] = ['en', 'de'];
