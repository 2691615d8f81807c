// Enforces the layer rules of docs/architecture.md on every import in the tree.

import { describe, expect, it } from 'vitest';
import { importSpecifiers as importsOf, sourceFiles } from './source-tree.ts';

function violations(files: string[], forbidden: (specifier: string) => boolean): string[] {
  return files.flatMap((file) =>
    importsOf(file)
      .filter(forbidden)
      .map((specifier) => `${file} imports ${specifier}`),
  );
}

const isNodeBuiltin = (s: string) =>
  s.startsWith('node:') || /^(net|tls|fs|child_process|dns|http|https|os|path)$/.test(s);
const isProbe = (s: string) =>
  /(^|\/)lib\/probe\/|^\.\.?\/(\.\.\/)*probe\//.test(s) || s.includes('/probe/');
const isNodeOnlyDns = (s: string) => s === 'undici' || /(^|\/)dns\/node\//.test(s);
const isBrowserApi = (s: string) => s === 'wxt/browser' || s === 'webextension-polyfill';
const isExtensionSide = (s: string) => /\/(ext|entrypoints|components)\//.test(s);

describe('layer rules', () => {
  const lib = sourceFiles('lib');
  const neutral = lib.filter((f) => !f.startsWith('lib/probe/') && !f.startsWith('lib/ext/'));
  const extension = [
    ...lib.filter((f) => f.startsWith('lib/ext/')),
    ...sourceFiles('entrypoints'),
    ...sourceFiles('components'),
  ];
  const node = [...sourceFiles('server'), ...sourceFiles('cli')];

  it('keeps platform-neutral lib/ free of Node built-ins and browser APIs', () => {
    expect(violations(neutral, (s) => isNodeBuiltin(s) || isBrowserApi(s))).toEqual([]);
  });

  it('keeps lib/probe/ out of everything the extension bundles', () => {
    expect(violations([...neutral, ...extension], isProbe)).toEqual([]);
  });

  it('keeps Node built-ins out of the extension', () => {
    expect(violations(extension, isNodeBuiltin)).toEqual([]);
  });

  it('keeps the Node-only DoH transport (undici) out of the extension', () => {
    const neutralOutsideDnsNode = neutral.filter((f) => !f.startsWith('lib/dns/node/'));
    expect(violations([...neutralOutsideDnsNode, ...extension], isNodeOnlyDns)).toEqual([]);
  });

  it('keeps the service and the CLI free of extension code', () => {
    expect(violations(node, (s) => isBrowserApi(s) || isExtensionSide(s))).toEqual([]);
  });

  it('finds the files it checks (guards against a broken scan)', () => {
    expect(neutral.length).toBeGreaterThan(3);
    expect(extension.length).toBeGreaterThan(3);
    expect(node.length).toBeGreaterThan(2);
  });
});
