// Content scripts run in every webmail page, so what they import is what each page loads. The
// whole English catalogue (public/_locales/en/messages.json) and the engine's English table
// (lib/score/text-en.ts) once rode along through the i18n fallback and `say`, and took the
// Gmail script from 34 to 48 KB gzipped; only the content share (lib/ext/content-catalogue.json)
// belongs there. Runtime imports only: `import type` brings nothing into a bundle.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, sourceFiles } from './source-tree.ts';

const RUNTIME_IMPORT =
  /(?:^|\n)\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

function runtimeImports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(RUNTIME_IMPORT)]
    .map((match) => match[1] ?? match[2] ?? '')
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(root, resolve(root, dirname(file), specifier)))
    .filter((target) => existsSync(join(root, target)));
}

function reachable(entry: string): Set<string> {
  const seen = new Set([entry]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (!/\.(ts|tsx)$/.test(file)) continue;
    for (const target of runtimeImports(file))
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
  }
  return seen;
}

const CONTENT_ENTRIES = sourceFiles('entrypoints').filter((file) =>
  /\.content\/index\.tsx?$/.test(file),
);

describe('what a content script brings into the webmail page', () => {
  it('finds the content scripts', () => {
    expect(CONTENT_ENTRIES.length).toBeGreaterThanOrEqual(3);
  });

  it.each(CONTENT_ENTRIES)('%s loads neither whole English catalogue', (entry) => {
    const files = reachable(entry);
    // The page-world scripts translate nothing; the others speak through the content share.
    const speaks = files.has('lib/ext/start-content.ts');
    expect(files.has('lib/ext/content-catalogue.json')).toBe(speaks);
    expect(files.has('public/_locales/en/messages.json')).toBe(false);
    expect(files.has('lib/score/text-en.ts')).toBe(false);
  });
});
