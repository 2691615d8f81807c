// Issue 14/17: bad CLI input gets a clear message and a documented exit code, never a stack
// dump, and `check` refuses exactly what the service refuses (lib/scan/domain-name.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../../cli/exit-codes.ts';
import { runCli } from '../../../cli/main.ts';
import { parseDomainName } from '../../../lib/scan/domain-name.ts';

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('mailseal check refuses what the service refuses, before any traffic', () => {
  // The service's 400 cases (test/unit/server/api.test.ts), plus the ones the issue names.
  const inputs = [
    '127.0.0.1',
    '',
    '   ',
    'http://example.com/',
    'https://example.com',
    '[::1]',
    '::1',
    'localhost',
    'mail.localhost',
    'example.com:25',
    'user@example.com',
    'a..example.com',
    '-bad.example.com',
    'x'.repeat(600),
    '8.8.8.8',
    'router.local',
  ];
  for (const input of inputs) {
    it(JSON.stringify(input.length > 40 ? `${input.slice(0, 20)}…` : input), async () => {
      // No resolver given: the public ones would be used, so nothing may be sent.
      const { code, out, err } = await run(['check', '--', input]);
      const service = parseDomainName(input);
      expect(service.ok).toBe(false);
      expect(code).toBe(EXIT.usage);
      expect(out).toBe('');
      if (!service.ok) expect(err).toContain(`${service.message} (${service.reason})`);
      expect(err).not.toMatch(/\n\s+at /); // no stack
    });
  }
  it('names the exit codes in --help', async () => {
    const { out } = await run(['check', '--help']);
    expect(out).toMatch(/Exit codes:[\s\S]*3 +could not test[\s\S]*4 +the domain does not exist/);
  });
});

describe('mailseal scan on an unreadable list', () => {
  it('a missing file: message and exit 2', async () => {
    const { code, err } = await run(['scan', '/nonexistent/domains.txt', '--no-progress']);
    expect(code).toBe(EXIT.usage);
    expect(err).toBe('mailseal scan: /nonexistent/domains.txt: no such file\n');
  });
  it('a directory: message and exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailseal-scan-dir-'));
    const { code, err } = await run(['scan', dir, '--no-progress']);
    expect(code).toBe(EXIT.usage);
    expect(err).toMatch(/is a directory/);
  });
});
