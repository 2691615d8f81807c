// One reading of a WebExtension messages.json entry, the way browsers fill it in: named
// placeholders ($NAME$, case-insensitive) take their content, whose $1…$9 are the substitutions,
// and "$$" is a literal dollar. The extension uses it when the browser's own i18n answers
// nothing; tests use it to read the catalogue as the browser would.

export interface CatalogueEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

export type Catalogue = Readonly<Record<string, CatalogueEntry>>;

/** The entry's text with substitutions filled in; "" when the catalogue lacks the key. */
export function catalogueMessage(
  catalogue: Catalogue | undefined,
  key: string,
  substitutions?: string | readonly string[],
): string {
  const entry = catalogue?.[key];
  if (!entry) return '';
  const subs =
    substitutions === undefined
      ? []
      : typeof substitutions === 'string'
        ? [substitutions]
        : substitutions;
  const fill = (text: string): string =>
    text.replace(/\$(\d)/g, (_whole, digit: string) => subs[Number(digit) - 1] ?? '');
  return entry.message.replace(/\$\$|\$([A-Za-z0-9_@]+)\$/g, (whole, name: string | undefined) => {
    if (name === undefined) return '$';
    const placeholder = placeholderNamed(entry, name);
    return placeholder === undefined ? whole : fill(placeholder.content);
  });
}

function placeholderNamed(entry: CatalogueEntry, name: string): { content: string } | undefined {
  const wanted = name.toLowerCase();
  for (const [placeholderName, placeholder] of Object.entries(entry.placeholders ?? {})) {
    if (placeholderName.toLowerCase() === wanted) return placeholder;
  }
  return undefined;
}
