// Issue 18, "effects injected at the edges": a CLI command learns its environment and terminal
// from the CliHost that cli/main.ts hands it (cli/io.ts), so tests can give it any. Only
// cli/main.ts and cli/io.ts read the process's environment and streams.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, sourceFiles } from './source-tree.ts';

// A default parameter value (`stdin: Readable = process.stdin`) is injection with the real
// default, which the design rules ask for; reading the fact in a body is not.
const PROCESS_FACTS = /(?<!=\s*)\bprocess\.(env|stdout|stderr|stdin|argv)\b/;

describe('CLI commands read no process facts themselves', () => {
  it('only cli/main.ts and cli/io.ts touch process.env, the streams and argv', () => {
    const readers = sourceFiles('cli').filter((file) =>
      PROCESS_FACTS.test(readFileSync(join(root, file), 'utf8')),
    );
    expect(readers.filter((file) => file.startsWith('cli/commands/'))).toEqual([]);
  });
});
