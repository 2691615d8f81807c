// The engine's shape (issue 18): no import cycles in lib/, and one assessment (lib/assess) behind
// all three front ends.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSpecifiers, root, sourceFiles } from './source-tree.ts';

/** The repository files `file` imports by relative path (type-only imports included). */
function localImports(file: string): string[] {
  return importSpecifiers(file)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(root, resolve(root, dirname(file), specifier)))
    .filter((target) => existsSync(join(root, target)));
}

/** Every strongly connected group of more than one file (or a file importing itself). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    const selfLoop = (graph.get(node) ?? []).includes(node);
    if (group.length > 1 || selfLoop) found.push(group.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

describe('one engine', () => {
  it('has no import cycles in lib/', () => {
    const lib = sourceFiles('lib');
    expect(cycles(new Map(lib.map((file) => [file, localImports(file)])))).toEqual([]);
  });

  it('finds cycles of two, of three and a file importing itself (guards the scan)', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['a']],
      ['c', ['d']],
      ['d', ['e']],
      ['e', ['c', 'a']],
      ['f', ['f']],
      ['g', ['a']],
    ]);
    expect(cycles(graph)).toEqual([['a', 'b'], ['c', 'd', 'e'], ['f']]);
    expect(localImports('lib/assess/assess-domain.ts')).toContain('lib/assess/answer.ts');
  });

  it('assesses a domain through lib/assess in the extension, the service and the CLI', () => {
    const frontEnds = {
      extension: 'lib/ext/assessor.ts',
      service: 'server/engine/real-engine.ts',
      cli: 'cli/commands/check.ts',
    };
    for (const file of Object.values(frontEnds))
      expect(localImports(file), file).toContain('lib/assess/index.ts');
  });

  it('keeps lib/ from importing upwards into components/ or entrypoints/', () => {
    const upward = sourceFiles('lib').flatMap((file) =>
      localImports(file)
        .filter((target) => /^(components|entrypoints)\//.test(target))
        .map((target) => `${file} imports ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it('keeps the resolver table in one place (lib/dns/resolvers.ts)', () => {
    const tables = [...sourceFiles('lib'), ...sourceFiles('components')].filter((file) =>
      readFileSync(join(root, file), 'utf8').includes('https://dns.quad9.net/dns-query'),
    );
    expect(tables).toEqual(['lib/dns/resolvers.ts']);
  });

  it('keeps the DNS posture and the probe out of the front ends: only lib/assess starts them', () => {
    const frontEnds = [...sourceFiles('lib/ext'), ...sourceFiles('server'), ...sourceFiles('cli')];
    const starts = frontEnds.filter((file) => {
      const text = readFileSync(join(root, file), 'utf8');
      return /\b(assessDomainDns|probeDomain)\(/.test(text);
    });
    expect(starts).toEqual([]);
  });
});
